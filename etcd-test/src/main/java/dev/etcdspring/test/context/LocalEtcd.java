package dev.etcdspring.test.context;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a real etcd process (or a local cluster) for a Spring test and points the
 * application at it, the way {@code @ServiceConnection} does for a container, but without
 * Docker: <pre class="code">
 * &#64;SpringBootTest
 * &#64;LocalEtcd
 * class OrderServiceTests {
 *
 *     &#64;Autowired
 *     EtcdTemplate etcd;
 *
 * }
 * </pre>
 * <p>
 * The endpoints are added as the {@link #endpointsProperty() etcd.endpoints} property
 * with the highest precedence. The running {@link dev.etcdspring.test.EtcdServer} (one
 * member) or {@link dev.etcdspring.test.EtcdCluster} (several members) is also a bean of
 * the context, for {@code etcdctl} checks and fault injection.
 * <p>
 * etcd is started when the first context needing it is created and is shared by every
 * test class with the same {@link #members()}, {@link #args()} and TLS settings, like
 * Spring shares cached contexts; it is stopped when the JVM exits. Tests sharing it
 * should use their own keys, and should leave it running: a test that kills or pauses a
 * member restarts or resumes it before it ends.
 * <p>
 * With {@link #tls()} or {@link #clientCertificates()}, etcd serves clients over https
 * only, with certificates made for it (see {@link dev.etcdspring.test.EtcdTls}), and the
 * context gets a Spring Boot PEM SSL bundle that trusts them and, when etcd requires it,
 * presents the client certificate: {@code spring.ssl.bundle.pem.<sslBundle>.*}, with
 * {@code etcd.ssl.bundle} naming it, so that the auto-configured client connects with no
 * further setup.
 * <p>
 * The etcd binary is found as {@link dev.etcdspring.test.EtcdServer} finds it: the
 * {@code etcd.binary} system property, the {@code ETCD_BINARY} environment variable, else
 * {@code etcd} on the {@code PATH}.
 *
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface LocalEtcd {

	/**
	 * Number of members: 1 for a standalone server, 3 for a cluster that survives the
	 * loss of one member.
	 * @return the number of members
	 */
	int members() default 1;

	/**
	 * Extra etcd flags for every member, for example {@code --max-request-bytes=1024}.
	 * @return the etcd flags
	 */
	String[] args() default {};

	/**
	 * Name of the property that receives the comma-separated client URLs.
	 * @return the property name
	 */
	String endpointsProperty() default "etcd.endpoints";

	/**
	 * Whether etcd serves clients over https only, with a server certificate of a CA made
	 * for it. Clients need not present a certificate.
	 * @return whether to serve clients over TLS
	 */
	boolean tls() default false;

	/**
	 * Whether etcd serves clients over https only and requires a client certificate of
	 * the CA made for it ({@code --client-cert-auth}); implies {@link #tls()}.
	 * @return whether to require client certificates
	 */
	boolean clientCertificates() default false;

	/**
	 * Name of the Spring Boot SSL bundle with the CA and the client certificate, set as
	 * {@code etcd.ssl.bundle}; only used with {@link #tls()} or
	 * {@link #clientCertificates()}.
	 * @return the bundle name
	 */
	String sslBundle() default "local-etcd";

}
