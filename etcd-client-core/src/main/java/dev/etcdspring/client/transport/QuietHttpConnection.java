package dev.etcdspring.client.transport;

import java.net.Socket;

import javax.net.ssl.SSLSession;

import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.io.DefaultBHttpClientConnection;
import org.apache.hc.core5.http.impl.io.SocketHolder;
import org.apache.hc.core5.http.io.HttpConnectionFactory;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;

/**
 * A pooled HTTP/1.1 connection that never logs what it sends or receives. HttpClient's
 * own connection logs every header and byte at DEBUG on its {@code wire} and
 * {@code headers} loggers: the password of {@code /v3/auth/authenticate} and the token in
 * each {@code Authorization} header would reach the logs of any application with DEBUG
 * on.
 */
final class QuietHttpConnection extends DefaultBHttpClientConnection implements ManagedHttpClientConnection {

	static final HttpConnectionFactory<ManagedHttpClientConnection> FACTORY = (socket) -> {
		QuietHttpConnection connection = new QuietHttpConnection();
		if (socket != null) {
			connection.bind(socket);
		}
		return connection;
	};

	private @Nullable Timeout activeTimeout;

	private QuietHttpConnection() {
		super(Http1Config.DEFAULT);
	}

	@Override
	public @Nullable Socket getSocket() {
		SocketHolder holder = getSocketHolder();
		return (holder != null) ? holder.getSocket() : null;
	}

	@Override
	public @Nullable SSLSession getSSLSession() {
		return super.getSSLSession();
	}

	@Override
	public void passivate() {
		// idle in the pool: remember the timeout the pool will restore
		this.activeTimeout = getSocketTimeout();
	}

	@Override
	public void activate() {
		if (this.activeTimeout != null) {
			setSocketTimeout(this.activeTimeout);
		}
	}

}
