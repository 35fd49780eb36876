package dev.etcdspring.client.internal.cluster;

import java.util.List;
import java.util.Set;

import dev.etcdspring.client.cluster.Member;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which client URLs of a member list {@link MemberDiscovery} uses; discovery on a real
 * cluster is in {@code EndpointStrategiesTests}.
 */
class MemberDiscoveryTests {

	private static final Set<String> HTTP = Set.of("http");

	@Test
	void eachStartedVotingMemberShouldGiveItsFirstUrl() {
		List<Member> members = List.of(member("m1", false, "http://10.0.0.1:2379", "http://10.0.0.11:2379"),
				member("m2", false, "http://10.0.0.2:2379/"), member("", false),
				member("learner", true, "http://10.0.0.4:2379"));
		assertThat(MemberDiscovery.endpointsOf(members, List.of("http://10.0.0.1:2379"), HTTP))
			.containsExactly("http://10.0.0.1:2379", "http://10.0.0.2:2379");
	}

	@Test
	void theUrlInUseShouldWinOverTheFirstOne() {
		List<Member> members = List.of(member("m1", false, "http://10.0.0.1:2379", "http://etcd-1:2379"));
		assertThat(MemberDiscovery.endpointsOf(members, List.of("http://etcd-1:2379"), HTTP))
			.containsExactly("http://etcd-1:2379");
	}

	@Test
	void onlyTheSchemeOfTheEndpointsShouldBeUsedSoThatTlsIsNeverDropped() {
		List<Member> members = List.of(member("m1", false, "http://10.0.0.1:2379", "https://10.0.0.1:2389"),
				member("m2", false, "http://10.0.0.2:2379"));
		assertThat(MemberDiscovery.endpointsOf(members, List.of("https://10.0.0.1:2389"), Set.of("https")))
			.containsExactly("https://10.0.0.1:2389");
	}

	@Test
	void urlsWithoutPortOrWithAUserOrPathShouldBeIgnored() {
		List<Member> members = List.of(member("m1", false, "http://10.0.0.1", "http://user:secret@10.0.0.1:2379",
				"http://10.0.0.1:2379/v3", "unix://etcd.sock:0"));
		assertThat(MemberDiscovery.endpointsOf(members, List.of(), HTTP)).isEmpty();
	}

	private static Member member(String name, boolean learner, String... clientUrls) {
		return new Member(name.hashCode(), name, List.of(), List.of(clientUrls), learner);
	}

}
