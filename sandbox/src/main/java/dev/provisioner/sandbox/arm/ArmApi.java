package dev.provisioner.sandbox.arm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes authenticated ARM requests to the resource handlers and turns their
 * {@link ArmException}s into ARM error answers. Requests are handled one at a time.
 */
public final class ArmApi {

  private static final Logger log = LoggerFactory.getLogger(ArmApi.class);

  private static final String SUB = "^/subscriptions/([^/]+)";
  private static final String RG = SUB + "/resourcegroups/([^/]+)";
  private static final String WORKSPACES =
      RG + "/providers/microsoft\\.operationalinsights/workspaces";
  private static final String NETWORKS = RG + "/providers/microsoft\\.network/virtualnetworks";
  private static final String CLUSTERS =
      RG + "/providers/microsoft\\.containerservice/managedclusters";

  private final ArmContext context;
  private final ResourceGroups resourceGroups;
  private final Workspaces workspaces;
  private final VirtualNetworks networks;
  private final ManagedClusters clusters;
  private final java.util.List<Route> routes = new java.util.ArrayList<>();

  /** One path pattern and what answers it. */
  private record Route(Pattern pattern, Function<Call, ArmResponse> handler) {}

  /** A request with the groups its route captured. */
  private record Call(ArmRequest request, Matcher match) {
    String group(int index) {
      return match.group(index);
    }
  }

  ArmApi(ArmContext context) {
    this.context = context;
    this.networks = new VirtualNetworks(context);
    this.clusters = new ManagedClusters(context, networks);
    this.resourceGroups = new ResourceGroups(context, clusters);
    this.workspaces = new Workspaces(context);
    defineRoutes();
  }

  private void defineRoutes() {
    route("^/subscriptions/?$", this::subscriptions);
    route("^/tenants/?$", this::tenants);
    route(SUB + "$", this::subscription);
    route(SUB + "/resourcegroups/?$", call -> resourceGroups.list(call.request()));
    route(RG + "$", call -> resourceGroups.handle(call.request(), call.group(2)));
    route(WORKSPACES + "$", call -> workspaces.list(call.request(), call.group(2)));
    route(WORKSPACES + "/([^/]+)$",
        call -> workspaces.handle(call.request(), call.group(2), call.group(3)));
    route(NETWORKS + "$", call -> networks.list(call.request(), call.group(2)));
    route(NETWORKS + "/([^/]+)$",
        call -> networks.handle(call.request(), call.group(2), call.group(3)));
    route(NETWORKS + "/([^/]+)/subnets$",
        call -> networks.handleSubnet(call.request(), call.group(2), call.group(3),
            Optional.empty()));
    route(NETWORKS + "/([^/]+)/subnets/([^/]+)$",
        call -> networks.handleSubnet(call.request(), call.group(2), call.group(3),
            Optional.of(call.group(4))));
    route(CLUSTERS + "$", call -> clusters.list(call.request(), Optional.of(call.group(2))));
    route(CLUSTERS + "/([^/]+)$",
        call -> clusters.handle(call.request(), call.group(2), call.group(3)));
    route(CLUSTERS + "/([^/]+)/listclusterusercredential$",
        call -> clusters.credentials(call.request(), call.group(2), call.group(3), false));
    route(CLUSTERS + "/([^/]+)/listclusteradmincredential$",
        call -> clusters.credentials(call.request(), call.group(2), call.group(3), true));
    route(CLUSTERS + "/([^/]+)/agentpools$",
        call -> clusters.agentPools(call.request(), call.group(2), call.group(3),
            Optional.empty()));
    route(CLUSTERS + "/([^/]+)/agentpools/([^/]+)$",
        call -> clusters.agentPools(call.request(), call.group(2), call.group(3),
            Optional.of(call.group(4))));
    route(SUB + "/providers/microsoft\\.containerservice/managedclusters$",
        call -> clusters.list(call.request(), Optional.empty()));
    route(SUB + "/providers/microsoft\\.containerservice/locations/([^/]+)/kubernetesversions$",
        call -> clusters.kubernetesVersions(call.request(), call.group(2)));
    route(SUB + "/providers/microsoft\\.compute/skus$", this::skus);
    route(SUB + "/providers/microsoft\\.compute/locations/([^/]+)/vmsizes$", this::vmSizes);
    route(SUB + "/providers/([^/]+)/locations/([^/]+)/(operations|operationstatuses)/([^/]+)$",
        call -> context.operationStatus(call.group(5)));
    route(SUB + "/providers/([^/]+)/locations/([^/]+)/operationresults/([^/]+)$",
        call -> context.operationResult(call.request(), call.group(4)));
  }

  private void route(String regex, Function<Call, ArmResponse> handler) {
    routes.add(new Route(Pattern.compile(regex, Pattern.CASE_INSENSITIVE), handler));
  }

  /** Answers one request; never throws for ARM-level errors. */
  public synchronized ArmResponse handle(ArmRequest request) {
    try {
      for (Route route : routes) {
        Matcher match = route.pattern().matcher(request.path());
        if (match.matches()) {
          if (match.groupCount() > 0) {
            context.requireSubscription(match.group(1));
          }
          return route.handler().apply(new Call(request, match));
        }
      }
      throw unknownPath(request.path());
    } catch (ArmException e) {
      return ArmResponse.of(e.status(), ArmErrors.body(e));
    } catch (RuntimeException e) {
      log.warn("sandbox ARM failed on {} {}", request.method(), request.path(), e);
      return ArmResponse.of(
          500,
          ArmErrors.body(
              new ArmException(500, "InternalServerError",
                  "The sandbox failed to process the request: " + e)));
    }
  }

  /** Returns the user kubeconfig of every cluster by {@code <resource group>/<name>}. */
  public synchronized java.util.Map<String, String> kubeconfigs() {
    return context.kubeconfigs();
  }

  /** Completes running operations and saves the world; called once at shutdown. */
  public synchronized void shutdown() {
    context.completeAll();
  }

  private ArmResponse subscriptions(Call call) {
    ApiVersions.check(call.request(), ApiVersions.SUBSCRIPTIONS, "eastus");
    ObjectNode body = Json.object();
    body.putArray("value").add(subscriptionBody());
    return ArmResponse.of(200, body);
  }

  private ArmResponse subscription(Call call) {
    ApiVersions.check(call.request(), ApiVersions.SUBSCRIPTIONS, "eastus");
    return ArmResponse.of(200, subscriptionBody());
  }

  private ArmResponse tenants(Call call) {
    ApiVersions.check(call.request(), ApiVersions.SUBSCRIPTIONS, "eastus");
    ObjectNode body = Json.object();
    ObjectNode tenant = body.putArray("value").addObject();
    tenant.put("id", "/tenants/" + context.tenantId());
    tenant.put("tenantId", context.tenantId());
    tenant.put("tenantCategory", "Home");
    tenant.put("displayName", "provisioner sandbox");
    return ArmResponse.of(200, body);
  }

  /** Returns the one subscription the sandbox serves, as the Subscriptions API lists it. */
  private ObjectNode subscriptionBody() {
    ObjectNode subscription = Json.object();
    subscription.put("id", "/subscriptions/" + context.subscriptionId());
    subscription.put("subscriptionId", context.subscriptionId());
    subscription.put("tenantId", context.tenantId());
    subscription.put("displayName", "provisioner sandbox");
    subscription.put("state", "Enabled");
    ObjectNode policies = subscription.putObject("subscriptionPolicies");
    policies.put("locationPlacementId", "Public_2014-09-01");
    policies.put("quotaId", "PayAsYouGo_2014-09-01");
    policies.put("spendingLimit", "Off");
    subscription.put("authorizationSource", "RoleBased");
    return subscription;
  }

  private ArmResponse skus(Call call) {
    ApiVersions.check(call.request(), ApiVersions.SKUS, "eastus");
    String filter = call.request().query().getOrDefault("$filter", "");
    Matcher location =
        Pattern.compile("location\\s+eq\\s+'([^']+)'", Pattern.CASE_INSENSITIVE).matcher(filter);
    Optional<String> region =
        location.find() ? Optional.of(Locations.normalize(location.group(1))) : Optional.empty();
    if (region.isPresent() && !Locations.isOffered(region.get())) {
      return ArmResponse.of(200, Json.object().set("value", Json.MAPPER.createArrayNode()));
    }
    return ArmResponse.of(200, VmSizes.skusBody(region));
  }

  private ArmResponse vmSizes(Call call) {
    String location = call.group(2);
    ApiVersions.check(call.request(), ApiVersions.VM_SIZES, location);
    Locations.require(location, "Microsoft.Compute/virtualMachines");
    return ArmResponse.of(200, VmSizes.vmSizesBody());
  }

  private static ArmException unknownPath(String path) {
    Matcher provider =
        Pattern.compile("/providers/([^/]+)/([^/]+)", Pattern.CASE_INSENSITIVE).matcher(path);
    if (provider.find()) {
      return new ArmException(
          404,
          "InvalidResourceType",
          "The resource type '" + provider.group(2) + "' could not be found in the namespace '"
              + provider.group(1) + "'. The sandbox serves resourceGroups,"
              + " Microsoft.OperationalInsights/workspaces, Microsoft.Network/virtualNetworks"
              + " and Microsoft.ContainerService/managedClusters.");
    }
    return new ArmException(404, "NotFound", "The path '" + path + "' is not an ARM resource.");
  }
}
