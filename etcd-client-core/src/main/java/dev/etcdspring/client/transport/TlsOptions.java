package dev.etcdspring.client.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Set;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

import org.jspecify.annotations.Nullable;

/**
 * Restricts an {@link SSLContext} to chosen protocols and cipher suites (a Spring Boot
 * SSL bundle's {@code options}), for every socket and engine it makes: the built-in
 * client only asks an {@code SSLContext} for sockets, and a context carries no such
 * choice of its own. Host name verification is set per connection, and stays on.
 *
 * @since 0.1.0
 */
public final class TlsOptions {

	private TlsOptions() {
	}

	/**
	 * Return a context that makes sockets and engines of {@code context} with only the
	 * given protocols and cipher suites enabled.
	 * @param context the context, initialized
	 * @param protocols the protocols to enable, such as {@code TLSv1.3}; {@code null} or
	 * empty for the context's defaults
	 * @param ciphers the cipher suites to enable; {@code null} or empty for the context's
	 * defaults
	 * @return the restricted context, or {@code context} when nothing is restricted
	 */
	public static SSLContext restrict(SSLContext context, @Nullable Set<String> protocols,
			@Nullable Set<String> ciphers) {
		String[] enabledProtocols = (protocols != null && !protocols.isEmpty()) ? protocols.toArray(String[]::new)
				: null;
		String[] enabledCiphers = (ciphers != null && !ciphers.isEmpty()) ? ciphers.toArray(String[]::new) : null;
		if (enabledProtocols == null && enabledCiphers == null) {
			return context;
		}
		return new RestrictedContext(new Spi(context, enabledProtocols, enabledCiphers), context);
	}

	private static final class RestrictedContext extends SSLContext {

		RestrictedContext(SSLContextSpi spi, SSLContext context) {
			super(spi, context.getProvider(), context.getProtocol());
		}

	}

	private static final class Spi extends SSLContextSpi {

		private final SSLContext context;

		private final String @Nullable [] protocols;

		private final String @Nullable [] ciphers;

		Spi(SSLContext context, String @Nullable [] protocols, String @Nullable [] ciphers) {
			this.context = context;
			this.protocols = protocols;
			this.ciphers = ciphers;
		}

		@Override
		protected void engineInit(KeyManager[] keys, TrustManager[] trust, SecureRandom random)
				throws KeyManagementException {
			throw new KeyManagementException("already initialized");
		}

		@Override
		protected SSLSocketFactory engineGetSocketFactory() {
			return new SocketFactory(this.context.getSocketFactory(), this);
		}

		@Override
		protected SSLServerSocketFactory engineGetServerSocketFactory() {
			throw new UnsupportedOperationException("a client context");
		}

		@Override
		protected SSLEngine engineCreateSSLEngine() {
			return restrict(this.context.createSSLEngine());
		}

		@Override
		protected SSLEngine engineCreateSSLEngine(String host, int port) {
			return restrict(this.context.createSSLEngine(host, port));
		}

		@Override
		protected SSLSessionContext engineGetServerSessionContext() {
			return this.context.getServerSessionContext();
		}

		@Override
		protected SSLSessionContext engineGetClientSessionContext() {
			return this.context.getClientSessionContext();
		}

		@Override
		protected SSLParameters engineGetDefaultSSLParameters() {
			return restrict(this.context.getDefaultSSLParameters());
		}

		@Override
		protected SSLParameters engineGetSupportedSSLParameters() {
			return this.context.getSupportedSSLParameters();
		}

		SSLParameters restrict(SSLParameters parameters) {
			if (this.protocols != null) {
				parameters.setProtocols(this.protocols);
			}
			if (this.ciphers != null) {
				parameters.setCipherSuites(this.ciphers);
			}
			return parameters;
		}

		private SSLEngine restrict(SSLEngine engine) {
			engine.setSSLParameters(restrict(engine.getSSLParameters()));
			return engine;
		}

		Socket restrict(Socket socket) {
			if (socket instanceof SSLSocket secure) {
				secure.setSSLParameters(restrict(secure.getSSLParameters()));
			}
			return socket;
		}

	}

	private static final class SocketFactory extends SSLSocketFactory {

		private final SSLSocketFactory sockets;

		private final Spi spi;

		SocketFactory(SSLSocketFactory sockets, Spi spi) {
			this.sockets = sockets;
			this.spi = spi;
		}

		@Override
		public String[] getDefaultCipherSuites() {
			return (this.spi.ciphers != null) ? Arrays.copyOf(this.spi.ciphers, this.spi.ciphers.length)
					: this.sockets.getDefaultCipherSuites();
		}

		@Override
		public String[] getSupportedCipherSuites() {
			return this.sockets.getSupportedCipherSuites();
		}

		@Override
		public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
			return this.spi.restrict(this.sockets.createSocket(socket, host, port, autoClose));
		}

		@Override
		public Socket createSocket(String host, int port) throws IOException {
			return this.spi.restrict(this.sockets.createSocket(host, port));
		}

		@Override
		public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
			return this.spi.restrict(this.sockets.createSocket(host, port, localHost, localPort));
		}

		@Override
		public Socket createSocket(InetAddress host, int port) throws IOException {
			return this.spi.restrict(this.sockets.createSocket(host, port));
		}

		@Override
		public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
				throws IOException {
			return this.spi.restrict(this.sockets.createSocket(address, port, localAddress, localPort));
		}

	}

}
