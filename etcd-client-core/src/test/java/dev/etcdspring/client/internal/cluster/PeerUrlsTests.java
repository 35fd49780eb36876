package dev.etcdspring.client.internal.cluster;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Peer URLs are checked by etcd's rules ({@code types.NewURLs}) before they are sent:
 * etcd 3.4 stores a member update's URLs unchecked, and a member that replays such an
 * update panics.
 */
class PeerUrlsTests {

	@Test
	void urlsEtcdAcceptsShouldPassWithoutSurroundingBlanks() {
		assertThat(PeerUrls.check(List.of("http://10.0.0.4:2380", " https://etcd-3.example.com:2380 ",
				"http://[::1]:2380", "unix://localhost:12345", "HTTP://10.0.0.4:2380")))
			.containsExactly("http://10.0.0.4:2380", "https://etcd-3.example.com:2380", "http://[::1]:2380",
					"unix://localhost:12345", "HTTP://10.0.0.4:2380");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "10.0.0.4:2380 | must start with http://", "ftp://10.0.0.4:2380 | must start",
					"http://10.0.0.4 | must have the form http://host:port",
					"http://10.0.0.4:2380/ | must not have a path", "http://10.0.0.4:2380/peers | must not have a path",
					"bad | must start with http://", "http://a b:1 | is not a URL" })
	void urlsEtcdRefusesShouldBeRefusedNamingTheUrl(String url, String problem) {
		assertThatIllegalArgumentException().isThrownBy(() -> PeerUrls.check(List.of("http://10.0.0.4:2380", url)))
			.withMessageContaining("'" + url + "'")
			.withMessageContaining(problem);
	}

	@Test
	void noUrlsShouldBeRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> PeerUrls.check(List.of()))
			.withMessageContaining("at least one URL");
		assertThatIllegalArgumentException().isThrownBy(() -> PeerUrls.check(null))
			.withMessage("peerUrls must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> PeerUrls.check(Arrays.asList("http://a:1", null)))
			.withMessage("peerUrls must not contain null");
	}

}
