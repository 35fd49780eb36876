package dev.etcdspring.docs.quickstart;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application the Quick start's {@link FeatureFlags} lives in; the README leaves it
 * out, as every Spring Boot application has one. {@code @SpringBootTest} classes of this
 * package find it.
 */
@SpringBootApplication
class QuickStartApplication {

}
