package dev.provisioner.sandbox.kube;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The TLS identity of one cluster's API server: a cluster CA, as AKS gives every cluster, and a
 * serving certificate it signed for {@code 127.0.0.1} and {@code localhost}. Clients trust the CA
 * through the kubeconfig's {@code certificate-authority-data}.
 *
 * @param caCertificatePem the cluster CA certificate (PEM)
 * @param serverCertificatePem the serving certificate (PEM), signed by the CA
 * @param serverKeyPem the serving certificate's private key (PKCS#8 PEM); secret
 */
public record TlsMaterial(
    String caCertificatePem, String serverCertificatePem, String serverKeyPem) {

  private static final Duration VALIDITY = Duration.ofDays(5 * 365);
  private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";

  public TlsMaterial {
    Objects.requireNonNull(caCertificatePem, "caCertificatePem");
    Objects.requireNonNull(serverCertificatePem, "serverCertificatePem");
    Objects.requireNonNull(serverKeyPem, "serverKeyPem");
  }

  /** Creates a new CA and a serving certificate for the loopback address, both on P-256 keys. */
  public static TlsMaterial generate(String clusterName) {
    try {
      KeyPair caKeys = newKeyPair();
      X500Name caName = new X500Name("CN=" + safeCommonName(clusterName) + "-ca");
      Instant now = Instant.now();
      X509v3CertificateBuilder ca =
          new JcaX509v3CertificateBuilder(
              caName,
              serialNumber(),
              Date.from(now.minus(Duration.ofMinutes(5))),
              Date.from(now.plus(VALIDITY)),
              caName,
              caKeys.getPublic());
      ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      ca.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      X509Certificate caCertificate = sign(ca, caKeys.getPrivate());

      KeyPair serverKeys = newKeyPair();
      X509v3CertificateBuilder server =
          new JcaX509v3CertificateBuilder(
              caName,
              serialNumber(),
              Date.from(now.minus(Duration.ofMinutes(5))),
              Date.from(now.plus(VALIDITY)),
              new X500Name("CN=kube-apiserver"),
              serverKeys.getPublic());
      server.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(
              new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.dNSName, "kubernetes.default.svc")
              }));
      server.addExtension(
          Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      server.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      X509Certificate serverCertificate = sign(server, caKeys.getPrivate());

      return new TlsMaterial(
          pem("CERTIFICATE", caCertificate.getEncoded()),
          pem("CERTIFICATE", serverCertificate.getEncoded()),
          pem("PRIVATE KEY", serverKeys.getPrivate().getEncoded()));
    } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
      throw new IllegalStateException("creating the TLS certificates of cluster " + clusterName, e);
    }
  }

  @Override
  public String toString() {
    return "TlsMaterial[serverKeyPem=(sensitive value)]";
  }

  private static KeyPair newKeyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
    return generator.generateKeyPair();
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
      throws OperatorCreationException, GeneralSecurityException {
    return new JcaX509CertificateConverter()
        .getCertificate(builder.build(new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(key)));
  }

  private static BigInteger serialNumber() {
    return new BigInteger(63, new SecureRandom());
  }

  private static String safeCommonName(String clusterName) {
    return clusterName.replaceAll("[^A-Za-z0-9.-]", "-");
  }

  private static String pem(String type, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
            .encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }
}
