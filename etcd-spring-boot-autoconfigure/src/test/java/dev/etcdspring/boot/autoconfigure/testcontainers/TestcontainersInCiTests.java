package dev.etcdspring.boot.autoconfigure.testcontainers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.testcontainers.DockerClientFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In CI the Testcontainers tests must run, not skip for want of a container runtime.
 */
@EnabledIfEnvironmentVariable(named = "CI", matches = "true")
class TestcontainersInCiTests {

	@Test
	void containerRuntimeShouldBeAvailableInCi() {
		assertThat(DockerClientFactory.instance().isDockerAvailable())
			.as("a container runtime for Testcontainers (scripts/test.sh sets up Podman)")
			.isTrue();
	}

}
