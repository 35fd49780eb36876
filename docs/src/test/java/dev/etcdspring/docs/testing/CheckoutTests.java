package dev.etcdspring.docs.testing;

import java.util.Optional;

import dev.etcdspring.client.template.EtcdOperations;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;

// tag::mock-etcd-operations[]
@SpringBootTest(classes = Checkout.class)
class CheckoutTests {

	@MockitoBean
	EtcdOperations etcd;

	@Autowired
	Checkout checkout;

	@Test
	void newFlowWhenTheFlagIsOn() {
		given(this.etcd.get("/flags/new-checkout")).willReturn(Optional.of("on"));
		assertThat(this.checkout.flow()).isEqualTo("new");
	}

	@Test
	void classicFlowWhenTheFlagIsMissing() {
		given(this.etcd.get("/flags/new-checkout")).willReturn(Optional.empty());
		assertThat(this.checkout.flow()).isEqualTo("classic");
	}

}
// end::mock-etcd-operations[]
