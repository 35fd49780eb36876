package dev.etcdspring.boot.autoconfigure.config;

import java.util.Set;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.cloud.context.scope.refresh.RefreshScope;
import org.springframework.context.ApplicationContext;

/**
 * Tells Spring Cloud Context of a refresh, when it is on the classpath: its
 * {@link EnvironmentChangeEvent} (its rebinder and other listeners react to it), then
 * {@link RefreshScope#refreshAll()}, so that {@code @RefreshScope} beans are created anew
 * from the changed environment. Spring Cloud's own {@code ContextRefresher} is not used:
 * it would import the configuration again instead of taking what the mirror has.
 */
final class SpringCloudRefresh {

	private final ObjectProvider<RefreshScope> refreshScope;

	SpringCloudRefresh(ObjectProvider<RefreshScope> refreshScope) {
		this.refreshScope = refreshScope;
	}

	void environmentChanged(ApplicationContext context, Set<String> keys) {
		context.publishEvent(new EnvironmentChangeEvent(context, keys));
	}

	void refreshScope() {
		RefreshScope scope = this.refreshScope.getIfAvailable();
		if (scope != null) {
			scope.refreshAll();
		}
	}

}
