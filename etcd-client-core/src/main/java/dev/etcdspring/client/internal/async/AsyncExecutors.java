package dev.etcdspring.client.internal.async;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * The executor of asynchronous calls when the application gives none: a virtual thread
 * per call on Java 21 and later, a bounded pool of daemon threads before. Either names
 * its threads {@code etcd-async-<client>-<n>}.
 */
final class AsyncExecutors {

	/**
	 * Threads of the pool used without virtual threads: each call blocks one for up to
	 * the request timeout, so this is how many calls are in flight at once (more wait in
	 * line). As many as the concurrency the benchmarks measure (64), and still a bound on
	 * memory when a member hangs and calls pile up.
	 */
	static final int POOL_THREADS = 64;

	/** How long a pool thread without work lives. */
	private static final long POOL_KEEP_ALIVE_SECONDS = 60;

	private AsyncExecutors() {
	}

	/**
	 * Create the default executor.
	 * @param threadPrefix the prefix of its threads' names
	 * @return the executor; shut it down with the client
	 */
	static ExecutorService create(String threadPrefix) {
		ExecutorService virtual = virtualThreads(threadPrefix);
		return (virtual != null) ? virtual : pool(threadPrefix);
	}

	/**
	 * {@code Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(prefix, 1).factory())},
	 * called by reflection: the client is compiled for Java 17.
	 * @return the executor, or {@code null} before Java 21
	 */
	static @Nullable ExecutorService virtualThreads(String threadPrefix) {
		try {
			Class<?> builderType = Class.forName("java.lang.Thread$Builder");
			Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
			builder = builderType.getMethod("name", String.class, long.class).invoke(builder, threadPrefix, 1L);
			ThreadFactory factory = (ThreadFactory) builderType.getMethod("factory").invoke(builder);
			Method perTask = Executors.class.getMethod("newThreadPerTaskExecutor", ThreadFactory.class);
			return (ExecutorService) perTask.invoke(null, factory);
		}
		catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
			// Java 17, or 19 and 20 without --enable-preview
			return null;
		}
	}

	private static ExecutorService pool(String threadPrefix) {
		AtomicInteger count = new AtomicInteger();
		ThreadFactory threads = (task) -> {
			Thread thread = new Thread(task, threadPrefix + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
		ThreadPoolExecutor pool = new ThreadPoolExecutor(POOL_THREADS, POOL_THREADS, POOL_KEEP_ALIVE_SECONDS,
				TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
		pool.allowCoreThreadTimeOut(true);
		return pool;
	}

}
