package dev.etcdspring.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A new member for a running {@link EtcdCluster}, for tests of membership changes. etcd
 * adds a member in two steps, and so does this class: {@link #of(EtcdCluster)} picks the
 * new member's name and free ports; the test adds it to the cluster with its
 * {@link #peerUrl()} (as a voter or a learner, with the client under test or
 * {@code etcdctl member add}); {@link #start()} then runs its etcd with
 * {@code --initial-cluster-state existing}:
 *
 * <pre class="code">
 * EtcdJoiningMember joining = EtcdJoiningMember.of(cluster);
 * client.cluster().addLearner(List.of(joining.peerUrl()));
 * try (EtcdServer learner = joining.start()) {
 *     ...
 * }
 * </pre>
 *
 * The returned server is not one of {@link EtcdCluster#members()}: close it yourself (a
 * JVM shutdown hook closes it too, as any server). With a cluster that serves clients
 * over TLS it serves them with copies of the cluster's certificates.
 *
 * @since 0.1.0
 */
public final class EtcdJoiningMember {

	/**
	 * One member of the gateway's member list: its id, its name (absent until it has
	 * started) and its peer URLs, in the order the gateway writes a member's fields.
	 */
	private static final Pattern MEMBER = Pattern
		.compile("\\{\"ID\":\"(\\d+)\"(?:,\"name\":\"([^\"]*)\")?,\"peerURLs\":\\[([^\\]]*)\\]");

	private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");

	private final EtcdCluster cluster;

	private final int clientPort;

	private final int peerPort;

	private final String name;

	private final List<String> extraArgs = new ArrayList<>();

	private EtcdJoiningMember(EtcdCluster cluster, int clientPort, int peerPort) {
		this.cluster = cluster;
		this.clientPort = clientPort;
		this.peerPort = peerPort;
		this.name = "etcd-joining-" + peerPort;
	}

	/**
	 * Pick a name and free loopback ports for a new member of {@code cluster}. Nothing
	 * starts yet.
	 * @param cluster the running cluster it will join
	 * @return the member to add, then start
	 * @since 0.1.0
	 */
	public static EtcdJoiningMember of(EtcdCluster cluster) {
		int[] ports = EtcdLauncher.freePorts(2);
		return new EtcdJoiningMember(cluster, ports[0], ports[1]);
	}

	/**
	 * Return the peer URL to add the member with, {@code http://127.0.0.1:<peerPort>}.
	 * @return the peer URL
	 * @since 0.1.0
	 */
	public String peerUrl() {
		return EtcdLauncher.peerUrl(this.peerPort);
	}

	/**
	 * Return the name its etcd will run with (and publish once started).
	 * @return the member name
	 * @since 0.1.0
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Add etcd flags for the new member, for example {@code --max-request-bytes=1024}.
	 * @param extraArgs the flags to add
	 * @return this
	 * @since 0.1.0
	 */
	public EtcdJoiningMember arg(String... extraArgs) {
		this.extraArgs.addAll(Arrays.asList(extraArgs));
		return this;
	}

	/**
	 * Start the member's etcd, which joins the cluster, and wait until it is healthy (a
	 * learner is healthy once it has a leader). Its {@code --initial-cluster} lists the
	 * members as the cluster knows them now, which must include one with
	 * {@link #peerUrl()}.
	 * @return the running member
	 * @throws IllegalStateException if no member of the cluster answers, the member was
	 * not added first, or it does not become healthy (the process is killed and its
	 * directory deleted then)
	 * @since 0.1.0
	 */
	public EtcdServer start() {
		String initialCluster = initialCluster();
		Path directory = createTempDirectory();
		EtcdTls tls;
		try {
			EtcdTls clusterTls = this.cluster.member(0).tlsOrNull();
			tls = (clusterTls != null) ? clusterTls.copyTo(directory.resolve("tls")) : null;
		}
		catch (RuntimeException ex) {
			Cleanup.deleteRecursively(directory);
			throw ex;
		}
		String clientUrl = EtcdLauncher.clientUrl(this.clientPort, tls);
		List<String> command = new ArrayList<>(List.of(EtcdBinary.etcd().toString(), "--name", this.name, "--data-dir",
				directory.resolve("data").toString(), "--listen-client-urls", clientUrl, "--advertise-client-urls",
				clientUrl, "--listen-peer-urls", peerUrl(), "--initial-advertise-peer-urls", peerUrl(),
				"--initial-cluster", initialCluster, "--initial-cluster-state", "existing", "--logger", "zap",
				"--log-outputs", "stderr"));
		if (tls != null) {
			command.addAll(tls.etcdArgs());
		}
		command.addAll(this.extraArgs);
		EtcdServer server = new EtcdServer(this.name, this.clientPort, this.peerPort, directory, command, tls);
		try {
			server.launch();
			EtcdLauncher.awaitHealthy(List.of(server));
			return server;
		}
		catch (RuntimeException ex) {
			server.close();
			throw ex;
		}
	}

	/**
	 * {@code name=peerUrl,...} for every peer URL of every member, as {@code etcdctl
	 * member add} prints it: a member that has not started has no name yet, and this one
	 * gets its own.
	 */
	private String initialCluster() {
		String members = memberList();
		List<String> entries = new ArrayList<>();
		boolean added = false;
		Matcher member = MEMBER.matcher(members);
		while (member.find()) {
			List<String> urls = QUOTED.matcher(member.group(3)).results().map((url) -> url.group(1)).toList();
			boolean ours = urls.contains(peerUrl());
			added |= ours;
			String memberName = ours ? this.name : ((member.group(2) != null) ? member.group(2) : "");
			urls.forEach((url) -> entries.add(memberName + "=" + url));
		}
		if (!added) {
			throw new IllegalStateException("No member of " + this.cluster + " has the peer URL " + peerUrl()
					+ ": add the member first (as a voter or a learner, for example with etcdctl member add "
					+ this.name + " --peer-urls=" + peerUrl() + "), then start it; members: " + members);
		}
		return String.join(",", entries);
	}

	private String memberList() {
		for (EtcdServer member : this.cluster.members()) {
			if (member.isRunning() && !member.isPaused()) {
				@Nullable String answer = EtcdHttp.memberList(member.endpoint(), member.tlsOrNull());
				if (answer != null && answer.contains("\"members\"")) {
					return answer;
				}
			}
		}
		throw new IllegalStateException("No member of " + this.cluster + " answered the member list");
	}

	private Path createTempDirectory() {
		try {
			return Files.createTempDirectory("etcd-test-" + this.name + "-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not create a temp dir for etcd", ex);
		}
	}

	@Override
	public String toString() {
		return "EtcdJoiningMember[" + this.name + ", peer " + peerUrl() + ", client port " + this.clientPort + "]";
	}

}
