package dev.provisioner.sandbox.arm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * The virtual machine sizes the sandbox offers in every region, with the figures Microsoft.Compute
 * publishes for them (vCPUs, memory, data disks, temporary disk).
 */
final class VmSizes {

  /** One VM size. */
  record VmSize(
      String name, String family, int vCpus, int memoryMb, int maxDataDisks, int resourceDiskMb) {}

  static final List<VmSize> SIZES =
      List.of(
          new VmSize("Standard_B2s", "standardBSFamily", 2, 4096, 4, 8192),
          new VmSize("Standard_B2ms", "standardBSFamily", 2, 8192, 4, 16384),
          new VmSize("Standard_B4ms", "standardBSFamily", 4, 16384, 8, 32768),
          new VmSize("Standard_D2_v2", "standardDv2Family", 2, 7168, 8, 102400),
          new VmSize("Standard_DS1_v2", "standardDSv2Family", 1, 3584, 4, 7168),
          new VmSize("Standard_DS2_v2", "standardDSv2Family", 2, 7168, 8, 14336),
          new VmSize("Standard_DS3_v2", "standardDSv2Family", 4, 14336, 16, 28672),
          new VmSize("Standard_DS4_v2", "standardDSv2Family", 8, 28672, 32, 57344),
          new VmSize("Standard_DS5_v2", "standardDSv2Family", 16, 57344, 64, 114688),
          new VmSize("Standard_D2s_v3", "standardDSv3Family", 2, 8192, 4, 16384),
          new VmSize("Standard_D4s_v3", "standardDSv3Family", 4, 16384, 8, 32768),
          new VmSize("Standard_D8s_v3", "standardDSv3Family", 8, 32768, 16, 65536),
          new VmSize("Standard_D16s_v3", "standardDSv3Family", 16, 65536, 32, 131072),
          new VmSize("Standard_D2s_v5", "standardDSv5Family", 2, 8192, 4, 0),
          new VmSize("Standard_D4s_v5", "standardDSv5Family", 4, 16384, 8, 0),
          new VmSize("Standard_D8s_v5", "standardDSv5Family", 8, 32768, 16, 0),
          new VmSize("Standard_D16s_v5", "standardDSv5Family", 16, 65536, 32, 0),
          new VmSize("Standard_D4ds_v5", "standardDDSv5Family", 4, 16384, 8, 153600),
          new VmSize("Standard_E4s_v5", "standardESv5Family", 4, 32768, 8, 0),
          new VmSize("Standard_E8s_v5", "standardESv5Family", 8, 65536, 16, 0),
          new VmSize("Standard_F4s_v2", "standardFSv2Family", 4, 8192, 8, 32768),
          new VmSize("Standard_F8s_v2", "standardFSv2Family", 8, 16384, 16, 65536));

  private VmSizes() {}

  /** Finds a size by name, without regard to case as ARM compares them. */
  static Optional<VmSize> find(String name) {
    return SIZES.stream().filter(size -> size.name().equalsIgnoreCase(name)).findFirst();
  }

  /** Builds the body of {@code GET .../providers/Microsoft.Compute/locations/{l}/vmSizes}. */
  static ObjectNode vmSizesBody() {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    ArrayNode values = body.putArray("value");
    for (VmSize size : SIZES) {
      ObjectNode value = values.addObject();
      value.put("name", size.name());
      value.put("numberOfCores", size.vCpus());
      value.put("osDiskSizeInMB", 1047552);
      value.put("resourceDiskSizeInMB", size.resourceDiskMb());
      value.put("memoryInMB", size.memoryMb());
      value.put("maxDataDiskCount", size.maxDataDisks());
    }
    return body;
  }

  /**
   * Builds the body of {@code GET .../providers/Microsoft.Compute/skus}: one
   * {@code virtualMachines} SKU per size and region, or per size in {@code location} when the
   * request filtered on it.
   */
  static ObjectNode skusBody(Optional<String> location) {
    List<String> regions = location.map(List::of).orElse(Locations.REGIONS);
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    ArrayNode values = body.putArray("value");
    for (String region : regions) {
      for (VmSize size : SIZES) {
        ObjectNode sku = values.addObject();
        sku.put("resourceType", "virtualMachines");
        sku.put("name", size.name());
        sku.put("tier", "Standard");
        sku.put("size", size.name().substring("Standard_".length()));
        sku.put("family", size.family());
        sku.putArray("locations").add(region);
        ObjectNode info = sku.putArray("locationInfo").addObject();
        info.put("location", region);
        info.putArray("zones").add("1").add("2").add("3");
        info.putArray("zoneDetails");
        ArrayNode capabilities = sku.putArray("capabilities");
        addCapability(capabilities, "vCPUs", Integer.toString(size.vCpus()));
        addCapability(capabilities, "MemoryGB", memoryGb(size.memoryMb()));
        addCapability(capabilities, "MaxDataDiskCount", Integer.toString(size.maxDataDisks()));
        addCapability(capabilities, "PremiumIO", "True");
        addCapability(capabilities, "HyperVGenerations", "V1,V2");
        sku.putArray("restrictions");
      }
    }
    return body;
  }

  private static String memoryGb(int memoryMb) {
    double gb = memoryMb / 1024.0;
    return gb == Math.rint(gb) ? Integer.toString((int) gb) : Double.toString(gb);
  }

  private static void addCapability(ArrayNode capabilities, String name, String value) {
    ObjectNode capability = capabilities.addObject();
    capability.put("name", name);
    capability.put("value", value);
  }
}
