package dev.etcdspring.client.watch;

import java.nio.charset.StandardCharsets;

import dev.etcdspring.client.kv.Keys;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Each option of a watch request returns a new request and leaves the one it was called
 * on as it was.
 */
class WatchRequestTests {

	@Test
	void optionsShouldLeaveTheOriginalUnchanged() {
		WatchRequest plain = WatchRequest.prefix("/config/");
		plain.startRevision(42);
		plain.prevKv();
		plain.noPut();
		plain.noDelete();
		plain.withInitialState();
		plain.resyncOnCompaction();

		assertThat(plain.getStartRevision()).isZero();
		assertThat(plain.isPrevKv()).isFalse();
		assertThat(plain.isNoPut()).isFalse();
		assertThat(plain.isNoDelete()).isFalse();
		assertThat(plain.isInitialState()).isFalse();
		assertThat(plain.isResyncOnCompaction()).isFalse();
		WatchRequest all = plain.startRevision(42).prevKv().noPut().noDelete().withInitialState().resyncOnCompaction();
		assertThat(all.getStartRevision()).isEqualTo(42);
		assertThat(all.isPrevKv()).isTrue();
		assertThat(all.isNoPut()).isTrue();
		assertThat(all.isNoDelete()).isTrue();
		assertThat(all.isInitialState()).isTrue();
		assertThat(all.isResyncOnCompaction()).isTrue();
		assertThat(all.getKey()).isEqualTo(bytes("/config/"));
		assertThat(all.getRangeEnd()).isEqualTo(bytes("/config0"));
	}

	@Test
	void rangeQueryShouldReadWhatIsWatched() {
		assertThat(WatchRequest.key("/a").toRangeQuery().isRange()).isFalse();
		assertThat(WatchRequest.key("/a").toRangeQuery().getKey()).isEqualTo(bytes("/a"));
		assertThat(WatchRequest.prefix("/p/").toRangeQuery().getRangeEnd()).isEqualTo(bytes("/p0"));
		assertThat(WatchRequest.prefix("").getKey()).isEqualTo(Keys.ALL_FROM_KEY);
		assertThat(WatchRequest.prefix("").toRangeQuery().getRangeEnd()).isEqualTo(Keys.ALL_FROM_KEY);
	}

	@Test
	void negativeStartRevisionShouldBeRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> WatchRequest.key("/a").startRevision(-1))
			.withMessageContaining("was -1");
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
