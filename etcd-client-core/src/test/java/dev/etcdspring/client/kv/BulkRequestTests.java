package dev.etcdspring.client.kv;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

/**
 * How a bulk is cut into transactions, and what it refuses before anything is sent.
 */
class BulkRequestTests {

	@Test
	void opsShouldBeCutByCountInOrder() {
		BulkRequest request = BulkRequest.create().opsPerTxn(16);
		for (int i = 0; i < 40; i++) {
			request.put(key(i), new byte[1]);
		}

		assertThat(request.chunks())
			.extracting(BulkRequest.Chunk::index, BulkRequest.Chunk::from, BulkRequest.Chunk::to)
			.containsExactly(tuple(0, 0, 16), tuple(1, 16, 32), tuple(2, 32, 40));
	}

	@Test
	void defaultShouldBeEtcdsDefaultMaxTxnOps() {
		BulkRequest request = BulkRequest.create();
		for (int i = 0; i < 10_000; i++) {
			request.put(key(i), new byte[128]);
		}

		List<BulkRequest.Chunk> chunks = request.chunks();

		assertThat(chunks).hasSize(79).allSatisfy((chunk) -> assertThat(chunk.size()).isLessThanOrEqualTo(128));
		assertThat(chunks.get(0).size()).isEqualTo(Txn.DEFAULT_MAX_OPS);
	}

	@Test
	void opsShouldBeCutByBytes() {
		BulkRequest request = BulkRequest.create().bytesPerTxn(1000);
		// 300 bytes each with key and overhead: three fit in 1000 bytes, four do not
		for (int i = 0; i < 10; i++) {
			request.put(key(i), new byte[300 - key(i).length - BulkRequest.OP_OVERHEAD_BYTES]);
		}

		assertThat(request.chunks()).extracting(BulkRequest.Chunk::size).containsExactly(3, 3, 3, 1);
		assertThat(request.chunks()).allSatisfy((chunk) -> assertThat(chunk.bytes()).isLessThanOrEqualTo(1000));
	}

	@Test
	void opLargerThanTheBudgetShouldTravelAlone() {
		BulkRequest request = BulkRequest.create().bytesPerTxn(1000);
		request.put(key(0), new byte[10]).put(key(1), new byte[10]);
		request.put(key(2), new byte[5000]);
		request.put(key(3), new byte[10]).delete(key(4));

		assertThat(request.chunks()).extracting(BulkRequest.Chunk::from, BulkRequest.Chunk::to)
			.containsExactly(tuple(0, 2), tuple(2, 3), tuple(3, 5));
	}

	@Test
	void duplicateKeyShouldBeRejectedNamingIt() {
		BulkRequest request = BulkRequest.create().put(key(1), new byte[1]).put(key(2), new byte[1]);

		assertThatIllegalArgumentException().isThrownBy(() -> request.delete(key(1)))
			.withMessageContaining("'/bulk/0000000001'")
			.withMessageContaining("already in this bulk");
		assertThatIllegalArgumentException().isThrownBy(() -> request.put(key(2), new byte[2]))
			.withMessageContaining("'/bulk/0000000002'");
		assertThat(request.size()).isEqualTo(2);
	}

	@Test
	void duplicateBinaryKeyShouldBeNamedInHex() {
		byte[] key = { '/', (byte) 0xFF, 0 };
		BulkRequest request = BulkRequest.create().put(key, new byte[1]);

		assertThatIllegalArgumentException().isThrownBy(() -> request.put(key.clone(), new byte[1]))
			.withMessageContaining("'0x2fff00'");
	}

	@Test
	void badSettingsShouldBeRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> BulkRequest.create().opsPerTxn(0));
		assertThatIllegalArgumentException().isThrownBy(() -> BulkRequest.create().bytesPerTxn(0));
		assertThatIllegalArgumentException().isThrownBy(() -> BulkRequest.create().parallelism(0));
		assertThatIllegalArgumentException().isThrownBy(() -> BulkRequest.create().put(new byte[0], new byte[1]))
			.withMessageContaining("key must not be null or empty");
		assertThatIllegalArgumentException().isThrownBy(() -> BulkRequest.create().delete(new byte[0]))
			.withMessageContaining("key must not be null or empty");
	}

	static byte[] key(int index) {
		return "/bulk/%010d".formatted(index).getBytes(StandardCharsets.UTF_8);
	}

}
