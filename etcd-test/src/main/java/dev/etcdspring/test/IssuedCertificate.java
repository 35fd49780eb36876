package dev.etcdspring.test;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A certificate signed by a {@link CertificateAuthority}, with its private key: two PEM
 * files, the key in PKCS#8.
 *
 * @param certificate the certificate's PEM file
 * @param privateKey the private key's PEM file
 * @since 0.1.0
 */
public record IssuedCertificate(Path certificate, Path privateKey) {

	/**
	 * Create an issued certificate.
	 * @param certificate the certificate's PEM file
	 * @param privateKey the private key's PEM file
	 * @since 0.1.0
	 */
	public IssuedCertificate {
		Objects.requireNonNull(certificate, "certificate");
		Objects.requireNonNull(privateKey, "privateKey");
	}

}
