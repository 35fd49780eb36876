package dev.etcdspring.test;

import java.nio.file.Files;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link EtcdBinary}.
 */
class EtcdBinaryTests {

	@AfterEach
	void clearProperties() {
		System.clearProperty("etcd.binary");
		System.clearProperty("etcdctl.binary");
	}

	@Test
	void etcdShouldFindAnExecutable() {
		assertThat(EtcdBinary.etcd()).isExecutable().hasFileName("etcd");
	}

	@Test
	void etcdctlShouldFindAnExecutable() {
		assertThat(EtcdBinary.etcdctl()).isExecutable().hasFileName("etcdctl");
	}

	@Test
	void etcdWhenPropertySetShouldUseIt() {
		String configured = EtcdBinary.etcd().toString();
		System.setProperty("etcd.binary", configured);
		assertThat(EtcdBinary.etcd()).hasToString(configured);
	}

	@Test
	void etcdWhenPropertyPointsNowhereShouldThrow() {
		System.setProperty("etcd.binary", "/no/such/etcd");
		assertThatIllegalStateException().isThrownBy(EtcdBinary::etcd)
			.withMessageContaining("/no/such/etcd")
			.withMessageContaining("ETCD_BINARY");
	}

	@Test
	void etcdctlShouldPreferTheDirectoryOfEtcd() throws Exception {
		System.setProperty("etcd.binary", EtcdBinary.etcd().toRealPath().toString());
		assertThat(Files.isSameFile(EtcdBinary.etcdctl().getParent(), EtcdBinary.etcd().getParent())).isTrue();
	}

}
