package dev.etcdspring.docs.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Service;

@Service
class RateLimits {

	private final LimitsProperties limits;

	RateLimits(LimitsProperties limits) {
		this.limits = limits;
	}

	// tag::javabean[]
	long[] current() {
		// a refresh copies a revision's values in under this lock
		synchronized (this.limits) {
			return new long[] { this.limits.getPerMinute(), this.limits.getBurst() };
		}
	}
	// end::javabean[]

	@ConfigurationProperties("limits")
	static class LimitsProperties {

		private long perMinute = 60;

		private long burst = 10;

		public long getPerMinute() {
			return this.perMinute;
		}

		public void setPerMinute(long perMinute) {
			this.perMinute = perMinute;
		}

		public long getBurst() {
			return this.burst;
		}

		public void setBurst(long burst) {
			this.burst = burst;
		}

	}

}
