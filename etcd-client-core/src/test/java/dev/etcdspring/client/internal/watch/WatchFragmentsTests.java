package dev.etcdspring.client.internal.watch;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.etcdspring.client.exception.EtcdAnswerTooLargeException;
import dev.etcdspring.client.kv.KeyValue;
import dev.etcdspring.client.watch.WatchEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Reassembly of fragmented watch answers, split where etcd splits them: at any event,
 * also inside a revision. Against real etcd in
 * {@code dev.etcdspring.client.watch.WatchFragmentTests}.
 */
class WatchFragmentsTests {

	private final WatchFragments fragments = new WatchFragments(1_000, "http://127.0.0.1:2379");

	@Test
	void answerWithoutFragmentsShouldPassAsItIs() {
		List<WatchEvent> events = List.of(event("a", 5), event("b", 6));
		assertThat(this.fragments.accept(1, false, events)).isSameAs(events);
	}

	@Test
	void revisionSplitAcrossFragmentsShouldBeHeldUntilItIsComplete() {
		assertThat(revisions(this.fragments.accept(1, true, List.of(event("a", 5), event("b", 6), event("c", 6)))))
			.as("revision 5 is complete once one of 6 came; 6 may go on")
			.containsExactly(5L);
		assertThat(this.fragments.holds(1)).isTrue();
		assertThat(revisions(this.fragments.accept(1, true, List.of(event("d", 6))))).isEmpty();
		assertThat(keys(this.fragments.accept(1, false, List.of(event("e", 6), event("f", 7))))).containsExactly("b",
				"c", "d", "e", "f");
		assertThat(this.fragments.holds(1)).isFalse();
	}

	@Test
	void fragmentEndingOnARevisionBoundaryShouldStillHoldItsLastRevision() {
		// the next fragment may begin with more of revision 6: only etcd knows
		assertThat(keys(this.fragments.accept(1, true, List.of(event("a", 5), event("b", 6))))).containsExactly("a");
		assertThat(keys(this.fragments.accept(1, false, List.of(event("c", 7))))).containsExactly("b", "c");
	}

	@Test
	void watchesOfOneStreamShouldBeReassembledApart() {
		assertThat(this.fragments.accept(1, true, List.of(event("a", 5)))).isEmpty();
		assertThat(keys(this.fragments.accept(2, false, List.of(event("x", 5))))).containsExactly("x");
		assertThat(keys(this.fragments.accept(1, false, List.of(event("b", 5))))).containsExactly("a", "b");
	}

	@Test
	void heldRevisionLargerThanTheAnswerLimitShouldFailLikeOneLargeMessage() {
		// 300 bytes of key and value are 400 of base64: three fit in 1,000, four do not
		this.fragments.accept(1, true, List.of(event("a", 5, 300), event("b", 5, 300)));
		assertThatExceptionOfType(EtcdAnswerTooLargeException.class)
			.isThrownBy(() -> this.fragments.accept(1, true, List.of(event("c", 5, 300))))
			.satisfies((ex) -> assertThat(ex.getLimit()).isEqualTo(1_000))
			.withMessageContaining("a watch message")
			.withMessageContaining("etcd.max-answer-size");
	}

	@Test
	void completeRevisionsShouldNotCountTowardsTheLimit() {
		for (int revision = 5; revision < 50; revision++) {
			this.fragments.accept(1, true, List.of(event("a", revision, 300)));
		}
		assertThat(keys(this.fragments.accept(1, false, List.of()))).containsExactly("a");
	}

	private static WatchEvent event(String key, long revision) {
		return event(key, revision, key.length());
	}

	private static WatchEvent event(String key, long revision, int bytes) {
		byte[] value = new byte[bytes - key.length()];
		return new WatchEvent(WatchEvent.Type.PUT,
				new KeyValue(key.getBytes(StandardCharsets.UTF_8), value, revision, revision, 1, 0), null);
	}

	private static List<Long> revisions(List<WatchEvent> events) {
		return events.stream().map(WatchEvent::revision).distinct().toList();
	}

	private static List<String> keys(List<WatchEvent> events) {
		return events.stream().map((event) -> event.kv().keyAsString()).toList();
	}

}
