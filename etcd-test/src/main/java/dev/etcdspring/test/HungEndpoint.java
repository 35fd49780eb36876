package dev.etcdspring.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An endpoint on a free loopback port that accepts connections and reads requests but
 * never answers: a member that hangs (overloaded, or stuck in a long GC pause), which a
 * refused connection does not imitate. Use it to check that a client or an application's
 * startup never waits on such a member for longer than it should. <pre class="code">
 * try (HungEndpoint hung = HungEndpoint.start()) {
 *     EtcdClient client = EtcdClient.create(hung.endpoint(), etcd.endpoint());
 *     ...
 * }
 * </pre>
 *
 * @since 0.1.0
 */
public final class HungEndpoint implements AutoCloseable {

	private final ServerSocket socket;

	private final List<Socket> accepted = new CopyOnWriteArrayList<>();

	private final AtomicInteger closedByClients = new AtomicInteger();

	private HungEndpoint(ServerSocket socket) {
		this.socket = socket;
	}

	/**
	 * Start accepting connections.
	 * @return the running endpoint; close it to stop
	 */
	public static HungEndpoint start() {
		try {
			HungEndpoint endpoint = new HungEndpoint(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
			Thread acceptor = new Thread(endpoint::acceptForever, "hung-endpoint-" + endpoint.port());
			acceptor.setDaemon(true);
			acceptor.start();
			return endpoint;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot open a loopback server socket", ex);
		}
	}

	/**
	 * Return the endpoint's URL, {@code http://127.0.0.1:port}.
	 * @return the URL
	 */
	public String endpoint() {
		return "http://127.0.0.1:" + port();
	}

	/**
	 * Return how many connections it has accepted so far.
	 * @return the number of connections
	 */
	public int connections() {
		return this.accepted.size();
	}

	/**
	 * Return how many connections their client closed so far: each is an exchange that
	 * the client gave up on (a timeout, a cancelled call), and did not leave open.
	 * @return the number of connections closed by clients
	 * @since 0.1.0
	 */
	public int closedByClients() {
		return this.closedByClients.get();
	}

	private int port() {
		return this.socket.getLocalPort();
	}

	private void acceptForever() {
		while (!this.socket.isClosed()) {
			try {
				Socket connection = this.socket.accept();
				this.accepted.add(connection);
				Thread reader = new Thread(() -> drain(connection), "hung-endpoint-reader");
				reader.setDaemon(true);
				reader.start();
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void drain(Socket connection) {
		try (InputStream in = connection.getInputStream()) {
			in.transferTo(OutputStream.nullOutputStream());
			// the end of the stream: the client closed the connection
			this.closedByClients.incrementAndGet();
		}
		catch (IOException ex) {
			// closed by close()
		}
	}

	/**
	 * Stop accepting, and close every connection accepted.
	 */
	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// closing a server socket that failed: nothing is left to release
		}
		for (Socket connection : this.accepted) {
			try {
				connection.close();
			}
			catch (IOException ex) {
				// already broken: nothing to release
			}
		}
	}

}
