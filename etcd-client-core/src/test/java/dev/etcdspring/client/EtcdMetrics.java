package dev.etcdspring.client;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.OptionalLong;

/**
 * Reads what a member reports about itself at {@code /metrics}: how many watches it
 * serves, how many requests it was sent.
 */
public final class EtcdMetrics {

	private EtcdMetrics() {
	}

	/**
	 * Read one of etcd's metrics: the sum over its lines that have every given label. A
	 * one-shot HTTP/1.0 request on its own socket, so that it leaves no pooled connection
	 * behind to be mistaken for one of the client's.
	 * @param endpoint the member's client URL
	 * @param name the metric's name
	 * @param labels labels the lines must have, each as {@code name="value"}
	 * @return the sum, or empty when the member does not answer (down, frozen or
	 * restarting)
	 * @throws IllegalStateException when the member has no such metric
	 */
	public static OptionalLong read(String endpoint, String name, String... labels) {
		URI uri = URI.create(endpoint);
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 1000);
			socket.setSoTimeout(2000);
			OutputStream out = socket.getOutputStream();
			out.write(("GET /metrics HTTP/1.0\r\nHost: " + uri.getHost() + "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!answer.startsWith("HTTP/1.0 200") && !answer.startsWith("HTTP/1.1 200")) {
				return OptionalLong.empty();
			}
			long sum = 0;
			boolean found = false;
			for (String line : answer.split("\n")) {
				if (isOf(line, name) && Arrays.stream(labels).allMatch(line::contains)) {
					sum += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1).strip());
					found = true;
				}
			}
			if (!found) {
				throw new IllegalStateException(
						name + " " + Arrays.toString(labels) + " is missing from the metrics of " + endpoint);
			}
			return OptionalLong.of(sum);
		}
		catch (IOException ex) {
			// down, frozen or restarting
			return OptionalLong.empty();
		}
	}

	private static boolean isOf(String line, String name) {
		return line.startsWith(name) && line.length() > name.length()
				&& (line.charAt(name.length()) == ' ' || line.charAt(name.length()) == '{');
	}

}
