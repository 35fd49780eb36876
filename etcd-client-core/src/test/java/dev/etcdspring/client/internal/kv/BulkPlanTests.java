package dev.etcdspring.client.internal.kv;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.etcdspring.client.kv.BulkRequest;
import dev.etcdspring.client.kv.Txn;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * How a bulk is cut into transactions.
 */
class BulkPlanTests {

	@Test
	void opsShouldBeCutByCountInOrder() {
		BulkRequest request = BulkRequest.create().opsPerTxn(16);
		for (int i = 0; i < 40; i++) {
			request = request.put(key(i), new byte[1]);
		}

		assertThat(chunks(request)).extracting(BulkPlan.Chunk::index, BulkPlan.Chunk::from, BulkPlan.Chunk::to)
			.containsExactly(tuple(0, 0, 16), tuple(1, 16, 32), tuple(2, 32, 40));
	}

	@Test
	void defaultShouldBeEtcdsDefaultMaxTxnOps() {
		BulkRequest request = BulkRequest.create();
		for (int i = 0; i < 10_000; i++) {
			request = request.put(key(i), new byte[128]);
		}

		List<BulkPlan.Chunk> chunks = chunks(request);

		assertThat(chunks).hasSize(79).allSatisfy((chunk) -> assertThat(chunk.size()).isLessThanOrEqualTo(128));
		assertThat(chunks.get(0).size()).isEqualTo(Txn.DEFAULT_MAX_OPS);
	}

	@Test
	void opsShouldBeCutByBytes() {
		BulkRequest request = BulkRequest.create().bytesPerTxn(1000);
		// 300 bytes each with key and overhead: three fit in 1000 bytes, four do not
		for (int i = 0; i < 10; i++) {
			request = request.put(key(i), new byte[300 - key(i).length - BulkPlan.OP_OVERHEAD_BYTES]);
		}

		assertThat(chunks(request)).extracting(BulkPlan.Chunk::size).containsExactly(3, 3, 3, 1);
		assertThat(chunks(request)).allSatisfy((chunk) -> assertThat(chunk.bytes()).isLessThanOrEqualTo(1000));
	}

	@Test
	void opLargerThanTheBudgetShouldTravelAlone() {
		BulkRequest request = BulkRequest.create().bytesPerTxn(1000);
		request = request.put(key(0), new byte[10]).put(key(1), new byte[10]);
		request = request.put(key(2), new byte[5000]);
		request = request.put(key(3), new byte[10]).delete(key(4));

		assertThat(chunks(request)).extracting(BulkPlan.Chunk::from, BulkPlan.Chunk::to)
			.containsExactly(tuple(0, 2), tuple(2, 3), tuple(3, 5));
	}

	@Test
	void planShouldKeepTheKeysInOrder() {
		BulkRequest request = BulkRequest.create().put(key(2), new byte[1]).delete(key(1)).put(key(3), new byte[1]);

		assertThat(BulkPlan.of(request).ops()).extracting((op) -> new String(op.key(), StandardCharsets.UTF_8))
			.containsExactly("/bulk/0000000002", "/bulk/0000000001", "/bulk/0000000003");
	}

	private static List<BulkPlan.Chunk> chunks(BulkRequest request) {
		return BulkPlan.of(request).chunks();
	}

	static byte[] key(int index) {
		return "/bulk/%010d".formatted(index).getBytes(StandardCharsets.UTF_8);
	}

}
