package dev.etcdspring.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.jspecify.annotations.Nullable;

/**
 * Builds an {@link SSLContext} from PEM files with the JDK alone. The JDK reads PEM
 * certificates but has no PEM key parser: the PKCS#8 key that
 * {@link CertificateAuthority} writes is base64 between two marker lines, which is all
 * this decodes.
 */
final class PemSslContexts {

	private static final Pattern PKCS8 = Pattern
		.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

	// Only guards the in-memory key store, which never leaves this class.
	private static final char[] PASSWORD = "etcd-test".toCharArray();

	private PemSslContexts() {
	}

	/**
	 * Return a context trusting the certificates in {@code caCertificate} and, when a
	 * client certificate is given, presenting it.
	 */
	static SSLContext create(Path caCertificate, @Nullable IssuedCertificate client) {
		try {
			KeyStore trusted = emptyKeyStore();
			int index = 0;
			for (Certificate certificate : certificates(caCertificate)) {
				trusted.setCertificateEntry("ca-" + index++, certificate);
			}
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(trusted);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init((client != null) ? keyManagers(client) : null, trust.getTrustManagers(), null);
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not build an SSLContext trusting " + caCertificate
					+ ((client != null) ? " with the key of " + client.certificate() : ""), ex);
		}
	}

	private static KeyManager[] keyManagers(IssuedCertificate client) throws GeneralSecurityException {
		KeyStore keys = emptyKeyStore();
		Certificate[] chain = certificates(client.certificate()).toArray(new Certificate[0]);
		keys.setKeyEntry("client", privateKey(client.privateKey()), PASSWORD, chain);
		KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		factory.init(keys, PASSWORD);
		return factory.getKeyManagers();
	}

	private static KeyStore emptyKeyStore() throws GeneralSecurityException {
		KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
		try {
			store.load(null, null);
		}
		catch (IOException ex) {
			// cannot happen: nothing is read
			throw new UncheckedIOException(ex);
		}
		return store;
	}

	private static Collection<? extends Certificate> certificates(Path pem) throws GeneralSecurityException {
		try (InputStream in = Files.newInputStream(pem)) {
			Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
				.generateCertificates(in);
			if (certificates.isEmpty()) {
				throw new IllegalStateException("No certificate in " + pem);
			}
			return certificates;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + pem, ex);
		}
	}

	private static PrivateKey privateKey(Path pem) throws GeneralSecurityException {
		String text;
		try {
			text = Files.readString(pem, StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + pem, ex);
		}
		Matcher matcher = PKCS8.matcher(text);
		if (!matcher.find()) {
			throw new IllegalStateException("No PKCS#8 private key ('BEGIN PRIVATE KEY') in " + pem);
		}
		PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(matcher.group(1)));
		try {
			return KeyFactory.getInstance("EC").generatePrivate(spec);
		}
		catch (InvalidKeySpecException ex) {
			// not an EC key: the only other kind a hand-made test key is likely to be
			return KeyFactory.getInstance("RSA").generatePrivate(spec);
		}
	}

}
