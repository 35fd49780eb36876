package dev.etcdspring.client.internal.cluster;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.util.Assert;

/**
 * Checks peer URLs as etcd does when it parses them ({@code types.NewURLs}), before they
 * are sent. etcd 3.4 checks the URLs of a new member, but stores those of a member update
 * unchecked: a member that later replays that change (one that joins, or restarts from an
 * older snapshot) then panics with "newURLs [...] should never fail". Checking here keeps
 * such URLs out of the cluster, and names the URL that is wrong, which etcd's "given
 * member URLs are invalid" does not.
 */
final class PeerUrls {

	private static final Set<String> SCHEMES = Set.of("http", "https", "unix", "unixs");

	/** What Go's {@code net.SplitHostPort} accepts: a host (or [IPv6]) and a port. */
	private static final Pattern HOST_AND_PORT = Pattern.compile("^(\\[[^\\]]*\\]|[^:\\[\\]]*):[0-9]*$");

	private PeerUrls() {
	}

	/**
	 * Check the URLs and strip surrounding blanks, which etcd would store with them.
	 * @param peerUrls the URLs
	 * @return the URLs as they are sent
	 * @throws IllegalArgumentException for no URLs or one that etcd refuses
	 */
	static List<String> check(List<String> peerUrls) {
		Assert.notNull(peerUrls, "peerUrls must not be null");
		Assert.isTrue(!peerUrls.isEmpty(), "peerUrls must name at least one URL, such as http://10.0.0.4:2380");
		return peerUrls.stream().map(PeerUrls::checkOne).toList();
	}

	private static String checkOne(String peerUrl) {
		Assert.notNull(peerUrl, "peerUrls must not contain null");
		String url = peerUrl.strip();
		int schemeEnd = url.indexOf("://");
		String scheme = (schemeEnd > 0) ? url.substring(0, schemeEnd).toLowerCase(Locale.ROOT) : "";
		Assert.isTrue(SCHEMES.contains(scheme), () -> "Peer URL '" + url
				+ "' must start with http://, https://, unix:// or unixs://, as in http://10.0.0.4:2380");
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("Peer URL '" + url + "' is not a URL: " + ex.getMessage(), ex);
		}
		String authority = uri.getRawAuthority();
		Assert.isTrue(authority != null && HOST_AND_PORT.matcher(authority).matches(), () -> "Peer URL '" + url
				+ "' must have the form " + scheme + "://host:port, as in " + scheme + "://10.0.0.4:2380");
		Assert.isTrue(uri.getRawPath() == null || uri.getRawPath().isEmpty(),
				() -> "Peer URL '" + url + "' must not have a path: etcd takes only " + scheme + "://host:port");
		return url;
	}

}
