package dev.etcdspring.client.kv;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Each option of a request returns a new request and leaves the one it was called on as
 * it was, so that a request can be kept in a constant and shared.
 */
class RequestImmutabilityTests {

	private static final byte[] KEY = bytes("/a");

	private static final byte[] VALUE = bytes("v");

	@Test
	void putOptionsShouldLeaveTheOriginalUnchanged() {
		PutRequest plain = PutRequest.of(KEY, VALUE);
		PutRequest leased = plain.lease(42);
		PutRequest withPrevious = plain.prevKv();

		assertThat(plain.getLease()).isZero();
		assertThat(plain.isPrevKv()).isFalse();
		assertThat(leased.getLease()).isEqualTo(42);
		assertThat(leased.isPrevKv()).isFalse();
		assertThat(withPrevious.isPrevKv()).isTrue();
		assertThat(withPrevious.getLease()).isZero();
		PutRequest both = PutRequest.of(KEY, VALUE).lease(7).prevKv();
		assertThat(both.getLease()).isEqualTo(7);
		assertThat(both.isPrevKv()).isTrue();
		assertThat(both.getKey()).isSameAs(KEY);
		assertThat(both.getValue()).isSameAs(VALUE);
	}

	@Test
	void deleteOptionShouldLeaveTheOriginalUnchanged() {
		DeleteRequest plain = DeleteRequest.prefix("/p/");
		DeleteRequest withPrevious = plain.prevKv();

		assertThat(plain.isPrevKv()).isFalse();
		assertThat(withPrevious.isPrevKv()).isTrue();
		assertThat(withPrevious.getKey()).isEqualTo(bytes("/p/"));
		assertThat(withPrevious.getRangeEnd()).isEqualTo(bytes("/p0"));
		assertThat(DeleteRequest.key(KEY).getRangeEnd()).isNull();
	}

	@Test
	void rangeOptionsShouldLeaveTheOriginalUnchanged() {
		RangeQuery plain = RangeQuery.prefix("/p/");
		plain.limit(5);
		plain.revision(7);
		plain.sort(SortTarget.MOD, SortOrder.DESCEND);
		plain.serializable();
		plain.keysOnly();
		plain.countOnly();

		assertThat(plain.getLimit()).isZero();
		assertThat(plain.getRevision()).isZero();
		assertThat(plain.getSortOrder()).isEqualTo(SortOrder.NONE);
		assertThat(plain.getSortTarget()).isEqualTo(SortTarget.KEY);
		assertThat(plain.isSerializable()).isFalse();
		assertThat(plain.isKeysOnly()).isFalse();
		assertThat(plain.isCountOnly()).isFalse();
		RangeQuery all = plain.limit(5)
			.revision(7)
			.sort(SortTarget.MOD, SortOrder.DESCEND)
			.serializable()
			.keysOnly()
			.countOnly();
		assertThat(all.getLimit()).isEqualTo(5);
		assertThat(all.getRevision()).isEqualTo(7);
		assertThat(all.getSortOrder()).isEqualTo(SortOrder.DESCEND);
		assertThat(all.getSortTarget()).isEqualTo(SortTarget.MOD);
		assertThat(all.isSerializable()).isTrue();
		assertThat(all.isKeysOnly()).isTrue();
		assertThat(all.isCountOnly()).isTrue();
		assertThat(all.getKey()).isEqualTo(bytes("/p/"));
		assertThat(all.getRangeEnd()).isEqualTo(bytes("/p0"));
	}

	@Test
	void nextPageShouldKeepTheOptionsAndLeaveTheOriginalUnchanged() {
		RangeQuery first = RangeQuery.prefix("/p/").limit(10).keysOnly();
		RangeQuery next = first.nextPage(bytes("/p/k"), 42);

		assertThat(first.getKey()).isEqualTo(bytes("/p/"));
		assertThat(first.getRevision()).isZero();
		assertThat(next.getKey()).isEqualTo(bytes("/p/k\0"));
		assertThat(next.getRangeEnd()).isEqualTo(bytes("/p0"));
		assertThat(next.getRevision()).isEqualTo(42);
		assertThat(next.getLimit()).isEqualTo(10);
		assertThat(next.isKeysOnly()).isTrue();
	}

	@Test
	void transactionBranchesShouldLeaveTheOriginalUnchanged() {
		Compare exists = Compare.version(KEY).greaterThan(0L);
		TxnOp put = TxnOp.put(PutRequest.of(KEY, VALUE));
		TxnOp delete = TxnOp.delete(DeleteRequest.key(KEY));
		Txn base = Txn.when(exists);
		Txn full = base.and(Compare.value(KEY).equalTo(VALUE)).then(put).otherwise(delete);

		assertThat(base.compares()).containsExactly(exists);
		assertThat(base.thenOps()).isEmpty();
		assertThat(base.otherwiseOps()).isEmpty();
		assertThat(full.compares()).hasSize(2).startsWith(exists);
		assertThat(full.thenOps()).containsExactly(put);
		assertThat(full.otherwiseOps()).containsExactly(delete);
		assertThat(Txn.create().then(put).thenOps()).containsExactly(put);
		assertThat(Txn.create().thenOps()).isEmpty();
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> full.thenOps().add(put));
	}

	@Test
	void transactionOperationShouldHoldOneRequest() {
		RangeQuery query = RangeQuery.key(KEY);

		assertThat(TxnOp.get(query).getRange()).isSameAs(query);
		assertThat(TxnOp.get(query).getPut()).isNull();
		assertThat(TxnOp.get(query).getDelete()).isNull();
		assertThat(TxnOp.delete(DeleteRequest.key(KEY)).getDelete().getKey()).isEqualTo(KEY);
	}

	@Test
	void compareOnAnotherKeyShouldLeaveTheOriginalUnchanged() {
		Compare compare = Compare.modRevision(KEY).lessThan(3L);
		Compare moved = compare.withKey(bytes("/ns/a"));

		assertThat(compare.key()).isEqualTo(KEY);
		assertThat(moved.key()).isEqualTo(bytes("/ns/a"));
		assertThat(moved.operand()).isEqualTo(3L);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
