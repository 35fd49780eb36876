package dev.etcdspring.client;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.etcdspring.client.async.AsyncKvClient;
import dev.etcdspring.client.async.AsyncLeaseClient;
import dev.etcdspring.client.internal.async.AsyncCalls;
import dev.etcdspring.client.internal.async.DefaultAsyncKvClient;
import dev.etcdspring.client.internal.async.DefaultAsyncLeaseClient;

import org.springframework.util.Assert;

/**
 * The {@link EtcdAsync} of a {@link DefaultEtcdClient}: each call is the client's
 * synchronous operation, run by {@link AsyncCalls}. Here, not in {@code internal}, since
 * it hands out the client itself (internal packages must not depend on the facade).
 */
final class DefaultEtcdAsync implements EtcdAsync {

	private final EtcdClient client;

	private final AsyncCalls calls;

	private final AsyncKvClient kv;

	private final AsyncLeaseClient leases;

	DefaultEtcdAsync(EtcdClient client, AsyncCalls calls) {
		this.client = client;
		this.calls = calls;
		this.kv = new DefaultAsyncKvClient(calls, client.kv());
		this.leases = new DefaultAsyncLeaseClient(calls, client.leases());
	}

	@Override
	public <T> CompletableFuture<T> call(Function<? super EtcdClient, ? extends T> operation) {
		Assert.notNull(operation, "operation must not be null");
		return this.calls.submit(() -> operation.apply(this.client));
	}

	@Override
	public CompletableFuture<Void> run(Consumer<? super EtcdClient> operation) {
		Assert.notNull(operation, "operation must not be null");
		return this.calls.run(() -> operation.accept(this.client));
	}

	@Override
	public AsyncKvClient kv() {
		return this.kv;
	}

	@Override
	public AsyncLeaseClient leases() {
		return this.leases;
	}

	@Override
	public String toString() {
		return "EtcdAsync[" + this.calls + "]";
	}

}
