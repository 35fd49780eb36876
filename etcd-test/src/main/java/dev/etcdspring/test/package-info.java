/**
 * Test support that runs real etcd processes on loopback ports: {@link EtcdServer},
 * {@link EtcdCluster} and the JUnit extension {@link EtcdServerExtension}, over plain
 * http or over TLS with certificates made at test time ({@link EtcdTls},
 * {@link CertificateAuthority}).
 *
 * @since 0.1.0
 */
@NullMarked
package dev.etcdspring.test;

import org.jspecify.annotations.NullMarked;
