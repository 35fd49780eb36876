package dev.etcdspring.samples.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * Runs {@link GreetingRunner} once against etcd and exits with its exit code. Its
 * greeting comes from etcd: {@code spring.config.import=optional:etcd:/sample/config/}.
 * <p>
 * {@code java -jar etcd-sample-app.jar --etcd.endpoints=http://127.0.0.1:2379}, or set
 * {@code ETCD_ENDPOINTS}.
 */
@SpringBootApplication
@EnableConfigurationProperties(GreetingProperties.class)
public class SampleApplication {

	public static void main(String[] args) {
		System.exit(run(args));
	}

	/**
	 * Run the application to its end.
	 * @param args the command-line arguments
	 * @return the exit code: 0 when every step worked
	 */
	static int run(String... args) {
		return SpringApplication.exit(SpringApplication.run(SampleApplication.class, args));
	}

}
