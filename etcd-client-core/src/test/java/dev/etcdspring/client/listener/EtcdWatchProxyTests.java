package dev.etcdspring.client.listener;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.etcdspring.client.annotation.EtcdKey;
import dev.etcdspring.client.annotation.EtcdWatch;
import dev.etcdspring.client.template.EtcdTemplate;
import dev.etcdspring.test.EtcdServerExtension;
import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * {@link EtcdWatch @EtcdWatch} on beans wrapped in proxies, as {@code @Transactional} or
 * {@code @Async} wrap them: the annotations are found on the target class and the calls
 * go through the proxy.
 */
class EtcdWatchProxyTests {

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	private AnnotationConfigApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void watchWhenBeanIsJdkProxyShouldCallTheMethodThroughTheProxy() {
		this.context = EtcdWatchContexts.run(etcd.endpoint(), EtcdWatchContexts.newNamespace(), Map.of(),
				ProxyConfiguration.class);
		Object bean = this.context.getBean("interfaceListener");
		assertThat(Proxy.isProxyClass(bean.getClass())).isTrue();
		this.context.getBean(EtcdTemplate.class).put("/jdk", "1");
		this.context.getBean(EtcdTemplate.class).put("/jdk", "2");
		InterfaceListener target = this.context.getBean(ProxyConfiguration.class).interfaceTarget;
		Interceptions interceptions = this.context.getBean(Interceptions.class);
		await().untilAsserted(() -> assertThat(target.calls).containsExactly("/jdk=1", "/jdk=2"));
		assertThat(interceptions.calls).containsExactly("onChange", "onChange");
	}

	@Test
	void watchWhenBeanIsCglibProxyShouldCallTheMethodThroughTheProxy() {
		this.context = EtcdWatchContexts.run(etcd.endpoint(), EtcdWatchContexts.newNamespace(), Map.of(),
				ProxyConfiguration.class);
		ClassListener bean = this.context.getBean(ClassListener.class);
		assertThat(AopUtils.isCglibProxy(bean)).isTrue();
		this.context.getBean(EtcdTemplate.class).put("/cglib", "1");
		Interceptions interceptions = this.context.getBean(Interceptions.class);
		await().untilAsserted(() -> assertThat(interceptions.calls).containsExactly("onCglib"));
		assertThat(this.context.getBean(ProxyConfiguration.class).classTarget.calls).containsExactly("/cglib=1");
	}

	@Test
	void watchWhenJdkProxyHidesTheMethodShouldFailStartupNamingBeanAndMethod() {
		AnnotationConfigApplicationContext failing = EtcdWatchContexts.create(etcd.endpoint(),
				EtcdWatchContexts.newNamespace(), Map.of(), HiddenMethodConfiguration.class);
		assertThatException().isThrownBy(failing::refresh)
			.havingRootCause()
			.withMessageContaining("HiddenMethodListener.onHidden(String)' of bean 'hiddenMethodListener'")
			.withMessageContaining("cannot be called through the bean's proxy");
	}

	interface ChangeHandler {

		void onChange(String key, String value);

	}

	static class InterfaceListener implements ChangeHandler {

		final List<String> calls = new CopyOnWriteArrayList<>();

		@Override
		@EtcdWatch("/jdk")
		public void onChange(@EtcdKey String key, String value) {
			this.calls.add(key + "=" + value);
		}

	}

	static class ClassListener {

		final List<String> calls = new CopyOnWriteArrayList<>();

		@EtcdWatch("/cglib")
		void onCglib(@EtcdKey String key, String value) {
			this.calls.add(key + "=" + value);
		}

	}

	static class HiddenMethodListener implements ChangeHandler {

		@Override
		public void onChange(String key, String value) {
		}

		@EtcdWatch("/hidden")
		public void onHidden(String value) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class HiddenMethodConfiguration {

		@Bean
		static ProxyingPostProcessor proxyingPostProcessor() {
			return new ProxyingPostProcessor(new Interceptions());
		}

		@Bean
		HiddenMethodListener hiddenMethodListener() {
			return new HiddenMethodListener();
		}

	}

	static class Interceptions {

		final List<String> calls = new CopyOnWriteArrayList<>();

	}

	@Configuration(proxyBeanMethods = false)
	static class ProxyConfiguration {

		final InterfaceListener interfaceTarget = new InterfaceListener();

		final ClassListener classTarget = new ClassListener();

		@Bean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		static Interceptions interceptions() {
			return new Interceptions();
		}

		@Bean
		static ProxyingPostProcessor proxyingPostProcessor(Interceptions interceptions) {
			return new ProxyingPostProcessor(interceptions);
		}

		@Bean
		InterfaceListener interfaceListener() {
			return this.interfaceTarget;
		}

		@Bean
		ClassListener classListener() {
			return this.classTarget;
		}

	}

	/**
	 * Wraps the listeners in proxies that record each call, before the watch
	 * post-processor sees them.
	 */
	static class ProxyingPostProcessor implements BeanPostProcessor, PriorityOrdered {

		private final Interceptions interceptions;

		ProxyingPostProcessor(Interceptions interceptions) {
			this.interceptions = interceptions;
		}

		@Override
		public Object postProcessAfterInitialization(Object bean, String beanName) {
			if (!(bean instanceof ChangeHandler) && !(bean instanceof ClassListener)) {
				return bean;
			}
			ProxyFactory factory = new ProxyFactory(bean);
			factory.setProxyTargetClass(bean instanceof ClassListener);
			factory.addAdvice((MethodInterceptor) (invocation) -> {
				this.interceptions.calls.add(invocation.getMethod().getName());
				return invocation.proceed();
			});
			return factory.getProxy(getClass().getClassLoader());
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}

	}

}
