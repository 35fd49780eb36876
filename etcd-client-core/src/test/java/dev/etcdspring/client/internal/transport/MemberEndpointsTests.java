package dev.etcdspring.client.internal.transport;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@link MemberEndpoints} picks members; the real-cluster behaviour is in
 * {@code EndpointStrategiesTests}.
 */
class MemberEndpointsTests {

	private static final String A = "http://127.0.0.1:1";

	private static final String B = "http://127.0.0.1:2";

	private static final String C = "http://127.0.0.1:3";

	private final MemberEndpoints members = new MemberEndpoints(List.of(A, B, C));

	@Test
	void readsShouldGoToEachMemberInTurn() {
		assertThat(reads(6)).containsExactly(A, B, C, A, B, C);
	}

	@Test
	void readsShouldSkipAMemberThatFailedRecently() {
		this.members.failed(B);
		assertThat(reads(4)).containsExactly(A, C, C, A);
	}

	@Test
	void readsShouldGoToEveryMemberWhenAllFailedRecently() {
		this.members.failed(A);
		this.members.failed(B);
		this.members.failed(C);
		assertThat(reads(3)).containsExactly(A, B, C);
	}

	@Test
	void aMemberThatAnsweredShouldBeUsedAgainAtOnce() {
		this.members.failed(B);
		this.members.succeeded(B);
		assertThat(reads(3)).containsExactly(A, B, C);
	}

	@Test
	void aFailureShouldMoveTheStickyMemberOnOnceForCallsThatFailedTogether() {
		assertThat(this.members.preferred()).isEqualTo(A);
		this.members.failed(A);
		this.members.failed(A);
		assertThat(this.members.preferred()).isEqualTo(B);
		this.members.failed(C);
		assertThat(this.members.preferred()).isEqualTo(B);
	}

	@Test
	void replacingShouldKeepTheStickyMemberWhenItIsStillListed() {
		this.members.moveOnFrom(A);
		assertThat(this.members.replace(List.of(C, B))).containsExactly(A, B, C);
		assertThat(this.members.all()).containsExactly(C, B);
		assertThat(this.members.preferred()).isEqualTo(B);
		assertThat(this.members.replace(List.of(C, B))).isNull();
	}

	@Test
	void replacingShouldStickToTheFirstNewMemberWhenTheOldOneIsGone() {
		this.members.replace(List.of(B, C));
		assertThat(this.members.preferred()).isEqualTo(B);
		this.members.moveOnFrom(B);
		this.members.replace(List.of(A, B));
		assertThat(this.members.preferred()).isEqualTo(A);
	}

	private List<String> reads(int count) {
		List<String> chosen = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			chosen.add(this.members.nextForRead());
		}
		return chosen;
	}

}
