package dev.etcdspring.docs.examples;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.kv.RangeResponse;
import dev.etcdspring.client.template.EtcdTemplate;
import dev.etcdspring.test.EtcdServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Runs the README's {@link AsyncCalls} example against a real etcd.
 */
class AsyncCallsTests {

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	@Test
	void greetingShouldBeWrittenAndReadBack() throws Exception {
		try (EtcdClient client = EtcdClient.create(etcd.endpoint())) {
			String greeting = new AsyncCalls().greeting(client, new EtcdTemplate(client)).get(10, TimeUnit.SECONDS);
			assertThat(greeting).isEqualTo("hello");
			assertThat(etcd.etcdctl("get", "/greeting", "--print-value-only").stdout().strip()).isEqualTo("hello");
		}
	}

	@Test
	void cancelledReadShouldEndAsCancelledAndLeaveTheClientWorking() throws Exception {
		try (EtcdClient client = EtcdClient.create(etcd.endpoint())) {
			CompletableFuture<RangeResponse> read = new AsyncCalls().cancelled(client);
			assertThat(read).isDone();
			if (read.isCancelled()) {
				assertThatExceptionOfType(CancellationException.class).isThrownBy(read::join);
			}
			String greeting = new AsyncCalls().greeting(client, new EtcdTemplate(client)).get(10, TimeUnit.SECONDS);
			assertThat(greeting).isEqualTo("hello");
		}
	}

}
