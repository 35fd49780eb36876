package dev.etcdspring.docs.examples;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.template.EtcdTemplate;
import dev.etcdspring.test.EtcdServerExtension;
import dev.etcdspring.test.EtcdctlResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the README's {@link EtcdTemplateTour} examples as shown against a real etcd and
 * checks, with {@code etcdctl}, the keys and values they leave behind.
 */
@ExtendWith(OutputCaptureExtension.class)
class EtcdTemplateTourTests {

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	private EtcdClient client;

	private EtcdTemplate template;

	@BeforeEach
	void start() {
		etcdctl("del", "", "--prefix");
		this.client = EtcdClient.create(etcd.endpoint());
		this.template = new EtcdTemplate(this.client);
	}

	@AfterEach
	void close() {
		this.client.close();
	}

	@Test
	void tourShouldRunInOrderAndLeaveTheKeysItDescribes(CapturedOutput output) throws InterruptedException {
		long before = revision();
		new EtcdTemplateTour().tour(this.template);
		assertThat(allKeysAndValues()).isEqualTo("""
				/accounts/b
				100
				/config/c
				5
				/features/export
				{"name":"export","enabled":false}
				/features/search
				{"name":"search","enabled":true}
				/locks/job
				me
				/settings/app
				{"theme":"dark","pageSize":50}
				""");
		// 17 writes, one revision each: every compare-and-swap and the transaction
		// succeeded (a failed comparison writes nothing)
		assertThat(revision() - before).isEqualTo(17);
		assertThat(output).contains("/config/a = 1\n/config/b = 2\n");
	}

	@Test
	void importConfigShouldPutAndDeleteInBulk() {
		etcdctl("put", "/config/old", "0");
		new EtcdTemplateTour().importConfig(this.template);
		assertThat(allKeysAndValues()).isEqualTo("""
				/config/a
				1
				/config/b
				2
				/settings/admin
				{"theme":"light","pageSize":20}
				/settings/app
				{"theme":"dark","pageSize":50}
				""");
	}

	private String allKeysAndValues() {
		return etcdctl("get", "", "--prefix").stdout();
	}

	private long revision() {
		Matcher revision = Pattern.compile("\"revision\":(\\d+)")
			.matcher(etcdctl("get", "", "--prefix", "--keys-only", "-w", "json").stdout());
		assertThat(revision.find()).isTrue();
		return Long.parseLong(revision.group(1));
	}

	private static EtcdctlResult etcdctl(String... args) {
		EtcdctlResult result = etcd.etcdctl(args);
		assertThat(result.isSuccess()).as(result.toString()).isTrue();
		return result;
	}

}
