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
 * test class with the same {@link #members()} and {@link #args()}, like Spring shares
 * cached contexts; it is stopped when the JVM exits. Tests sharing it should use their
 * own keys, and should leave it running: a test that kills or pauses a member restarts or
 * resumes it before it ends.
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

}
