package dev.etcdspring.test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What {@link EtcdServer#builder()} and {@link EtcdCluster#builder(int)} both set: etcd
 * flags and TLS. Each member gets the same.
 *
 * @param <B> the builder's own type
 * @param <T> what it starts
 * @since 0.1.0
 */
public abstract class EtcdLaunchBuilder<B extends EtcdLaunchBuilder<B, T>, T> {

	private final List<String> extraArgs = new ArrayList<>();

	private EtcdTls.Mode tls = EtcdTls.Mode.OFF;

	EtcdLaunchBuilder() {
	}

	/**
	 * Add etcd flags, for example {@code --max-request-bytes=1024}.
	 * @param extraArgs the flags to add
	 * @return this builder
	 */
	public B arg(String... extraArgs) {
		this.extraArgs.addAll(Arrays.asList(extraArgs));
		return self();
	}

	/**
	 * Serve clients over https only, with certificates of a CA made for the server or
	 * cluster (see {@link EtcdTls}); clients need not present a certificate.
	 * @return this builder
	 */
	public B withTls() {
		this.tls = EtcdTls.Mode.SERVER;
		return self();
	}

	/**
	 * Serve clients over https only and require a client certificate of the CA made for
	 * the server or cluster ({@code --client-cert-auth}, see {@link EtcdTls}).
	 * @return this builder
	 */
	public B withClientCertificates() {
		this.tls = EtcdTls.Mode.CLIENT_CERTIFICATES;
		return self();
	}

	/**
	 * Start etcd and wait until every member is healthy.
	 * @return what runs
	 * @throws IllegalStateException if etcd or, with TLS, {@code openssl} is missing, or
	 * a member does not become healthy
	 */
	public abstract T start();

	/**
	 * Start {@code members} members with the flags and TLS set.
	 * @param members how many
	 * @return the running members
	 */
	final List<EtcdServer> launch(int members) {
		return EtcdLauncher.start(members, this.extraArgs, this.tls);
	}

	@SuppressWarnings("unchecked")
	private B self() {
		return (B) this;
	}

}
