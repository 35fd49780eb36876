package dev.etcdspring.client.internal.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

import org.jspecify.annotations.Nullable;

/**
 * A fake etcd gateway on a free loopback port, for faults that a real etcd never commits:
 * each accepted connection runs a {@link Script} on a thread of its own, which reads
 * requests and writes whatever bytes it likes. {@link #close()} closes the server socket
 * and every accepted connection, which ends any script blocked on them.
 */
final class FakeGateway implements AutoCloseable {

	/** What the fake gateway does with one connection. */
	@FunctionalInterface
	interface Script {

		void run(Connection connection) throws Exception;

	}

	private final ServerSocket server;

	private final boolean tls;

	private final Script script;

	private final AtomicInteger accepted = new AtomicInteger();

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private final List<Thread> threads = new CopyOnWriteArrayList<>();

	private final List<Throwable> failures = new CopyOnWriteArrayList<>();

	private FakeGateway(ServerSocket server, boolean tls, Script script) {
		this.server = server;
		this.tls = tls;
		this.script = script;
		Thread acceptor = new Thread(this::accept, "fake-gateway-" + server.getLocalPort());
		acceptor.setDaemon(true);
		this.threads.add(acceptor);
		acceptor.start();
	}

	/**
	 * Start a plain (TCP) fake gateway.
	 * @param script what to do with each connection
	 * @return the running gateway
	 */
	static FakeGateway start(Script script) throws IOException {
		return new FakeGateway(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), false, script);
	}

	/**
	 * Start a TLS fake gateway; the handshake happens on the script's first read or
	 * write.
	 * @param context the server's key material
	 * @param needClientAuth whether a client certificate is required
	 * @param script what to do with each connection
	 * @return the running gateway
	 */
	static FakeGateway startTls(SSLContext context, boolean needClientAuth, Script script) throws IOException {
		SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory()
			.createServerSocket(0, 50, InetAddress.getLoopbackAddress());
		server.setNeedClientAuth(needClientAuth);
		return new FakeGateway(server, true, script);
	}

	/** Return the endpoint URL, {@code http://} or {@code https://127.0.0.1:port}. */
	String endpoint() {
		return (this.tls ? "https" : "http") + "://127.0.0.1:" + this.server.getLocalPort();
	}

	/** Return how many connections were accepted so far. */
	int connections() {
		return this.accepted.get();
	}

	/** Return what scripts threw other than I/O failures (the client going away). */
	List<Throwable> failures() {
		return this.failures;
	}

	private void accept() {
		while (!this.server.isClosed()) {
			Socket socket;
			try {
				socket = this.server.accept();
			}
			catch (IOException ex) {
				return; // closed
			}
			this.sockets.add(socket);
			int index = this.accepted.incrementAndGet();
			Thread thread = new Thread(() -> serve(socket, index), "fake-gateway-connection-" + index);
			thread.setDaemon(true);
			this.threads.add(thread);
			thread.start();
		}
	}

	private void serve(Socket socket, int index) {
		try (socket) {
			socket.setTcpNoDelay(true);
			this.script.run(new Connection(socket, index));
		}
		catch (IOException ex) {
			// the client closed the connection, or the test ended
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Throwable ex) {
			this.failures.add(ex);
		}
		finally {
			this.sockets.remove(socket);
		}
	}

	@Override
	public void close() {
		try {
			this.server.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
		for (Socket socket : this.sockets) {
			try {
				socket.close();
			}
			catch (IOException ex) {
				// closing anyway
			}
		}
		for (Thread thread : this.threads) {
			thread.interrupt();
		}
	}

	/** One accepted connection, as its script sees it. */
	static final class Connection {

		private final Socket socket;

		private final int index;

		private final InputStream in;

		private final OutputStream out;

		Connection(Socket socket, int index) throws IOException {
			this.socket = socket;
			this.index = index;
			this.in = socket.getInputStream();
			this.out = socket.getOutputStream();
		}

		/** Return the number of this connection, from 1 in the order accepted. */
		int index() {
			return this.index;
		}

		Socket socket() {
			return this.socket;
		}

		/**
		 * Read one request.
		 * @return the request, or {@code null} when the client closed the connection
		 */
		@Nullable Request readRequest() throws IOException {
			String requestLine = readLine();
			if (requestLine == null) {
				return null;
			}
			Map<String, String> headers = new LinkedHashMap<>();
			String line;
			while ((line = readLine()) != null && !line.isEmpty()) {
				int colon = line.indexOf(':');
				headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
						line.substring(colon + 1).strip());
			}
			int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
			byte[] body = this.in.readNBytes(length);
			return new Request(requestLine, headers, body);
		}

		private @Nullable String readLine() throws IOException {
			ByteArrayOutputStream line = new ByteArrayOutputStream();
			int b;
			while ((b = this.in.read()) != '\n') {
				if (b < 0) {
					return (line.size() == 0) ? null : line.toString(StandardCharsets.ISO_8859_1);
				}
				if (b != '\r') {
					line.write(b);
				}
			}
			return line.toString(StandardCharsets.ISO_8859_1);
		}

		/** Write {@code text} (ISO-8859-1) and flush it. */
		void write(String text) throws IOException {
			write(text.getBytes(StandardCharsets.ISO_8859_1));
		}

		/** Write {@code bytes} and flush them. */
		void write(byte[] bytes) throws IOException {
			this.out.write(bytes);
			this.out.flush();
		}

		/** Read until the client closes the connection (or the test closes it). */
		void awaitClose() throws IOException {
			byte[] sink = new byte[1024];
			while (this.in.read(sink) >= 0) {
				// whatever the client still sends
			}
		}

	}

	/**
	 * A request as the fake gateway read it.
	 *
	 * @param line the request line
	 * @param headers the headers, names in lower case
	 * @param body the body
	 */
	record Request(String line, Map<String, String> headers, byte[] body) {

		String bodyText() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

		/** The request's {@code "key"}, as the client sent it (base64). */
		String key() {
			String text = bodyText();
			int start = text.indexOf("\"key\":\"") + 7;
			return text.substring(start, text.indexOf('"', start));
		}

	}

	/** Build an answer with a {@code Content-Length}. */
	static String answer(String status, String body) {
		return "HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\nContent-Length: "
				+ body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
	}

	/** Build a 200 answer that echoes the request's key: a shifted answer shows. */
	static String echo(Request request) {
		return answer("200 OK", "{\"echo\":\"" + request.key() + "\"}");
	}

}
