/**
 * Side-by-side benchmarks of our client, jetcd, a plain JDK {@code HttpClient} and
 * {@code wrk} against one etcd. Run {@link dev.etcdspring.benchmarks.BenchmarkMain}.
 */
@NullMarked
package dev.etcdspring.benchmarks;

import org.jspecify.annotations.NullMarked;
