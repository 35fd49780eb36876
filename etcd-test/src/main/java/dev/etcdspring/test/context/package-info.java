/**
 * Spring TestContext support: {@link dev.etcdspring.test.context.LocalEtcd @LocalEtcd}
 * runs a real etcd for a Spring test and sets {@code etcd.endpoints} (with TLS, also an
 * SSL bundle for its certificates). Needs {@code spring-test} on the test class path.
 *
 * @since 0.1.0
 */
@NullMarked
package dev.etcdspring.test.context;

import org.jspecify.annotations.NullMarked;
