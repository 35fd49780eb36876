/**
 * Spring Integration on etcd: {@link dev.etcdspring.client.integration.EtcdLockRegistry}
 * (distributed locks for aggregators, pollers and {@code LockRegistry} users) and
 * {@link dev.etcdspring.client.integration.EtcdCandidateListener}, which drives a Spring
 * Integration {@code Candidate} from an etcd leader election. Only loaded when
 * {@code spring-integration-core} is on the classpath.
 */
@NullMarked
package dev.etcdspring.client.integration;

import org.jspecify.annotations.NullMarked;
