package dev.etcdspring.client.cluster;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.etcdspring.client.internal.codec.Uint64Deserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A member of the etcd cluster.
 *
 * @param id the member id
 * @param name the member's name (empty until a newly added member has started)
 * @param peerUrls where other members reach it
 * @param clientUrls where clients reach it
 * @param learner whether it is a non-voting learner
 * @since 0.1.0
 */
public record Member(@JsonProperty("ID") @JsonDeserialize(using = Uint64Deserializer.class) long id,
		@JsonProperty("name") String name, @JsonProperty("peerURLs") List<String> peerUrls,
		@JsonProperty("clientURLs") List<String> clientUrls, @JsonProperty("isLearner") boolean learner) {

	public Member {
		name = (name != null) ? name : "";
		peerUrls = (peerUrls != null) ? peerUrls : List.of();
		clientUrls = (clientUrls != null) ? clientUrls : List.of();
	}

	@Override
	public String toString() {
		// the id is an unsigned 64-bit number: in hex, as etcdctl prints it
		return "Member[id=" + Long.toHexString(this.id) + ", name=" + this.name + ", peerUrls=" + this.peerUrls
				+ ", clientUrls=" + this.clientUrls + (this.learner ? ", learner" : "") + "]";
	}

}
