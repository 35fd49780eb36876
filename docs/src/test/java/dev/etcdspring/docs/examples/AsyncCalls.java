package dev.etcdspring.docs.examples;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import dev.etcdspring.client.EtcdAsync;
import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.exception.EtcdTimeoutException;
import dev.etcdspring.client.kv.PutRequest;
import dev.etcdspring.client.kv.RangeQuery;
import dev.etcdspring.client.kv.RangeResponse;
import dev.etcdspring.client.template.EtcdTemplate;

/**
 * The README's asynchronous API example ({@link AsyncCallsTests} runs it).
 */
class AsyncCalls {

	// tag::async[]
	CompletableFuture<String> greeting(EtcdClient client, EtcdTemplate etcd) {
		EtcdAsync async = client.async();
		CompletableFuture<PutRequest.Response> put = async.kv().put(PutRequest.of(bytes("/greeting"), bytes("hello")));
		// any blocking operation of the client, or of a template on it, as a future
		CompletableFuture<Optional<String>> read = put.thenCompose((done) -> async.call((c) -> etcd.get("/greeting")));
		return read.thenApply((value) -> value.orElse("nobody home")).exceptionally((failure) -> {
			// the synchronous call's exception, wrapped in a CompletionException
			if (EtcdAsync.unwrap(failure) instanceof EtcdTimeoutException) {
				return "etcd is slow";
			}
			throw new IllegalStateException("No greeting", failure);
		});
	}

	CompletableFuture<RangeResponse> cancelled(EtcdClient client) {
		CompletableFuture<RangeResponse> all = client.async().kv().range(RangeQuery.prefix("/config/"));
		all.cancel(true); // never sent if it had not started; aborted at once if it had
		return all; // cancelled, unless the read was done already
	}
	// end::async[]

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
