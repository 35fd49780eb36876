package dev.etcdspring.client.annotation;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import dev.etcdspring.client.listener.EtcdWatchEndpoint;
import dev.etcdspring.client.listener.EtcdWatchEndpointRegistrar;
import dev.etcdspring.client.listener.EtcdWatchEndpointRegistry;
import dev.etcdspring.client.watch.WatchEvent;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.framework.AopInfrastructureBean;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.BeanInitializationException;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotationPredicates;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.core.annotation.RepeatableContainers;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * Finds the {@link EtcdWatch @EtcdWatch} methods of beans (directly annotated, repeated,
 * or through composed annotations; on proxied beans, on the target class), checks them,
 * and describes each watch as an {@link EtcdWatchEndpoint} whose listener calls the
 * method. Once the singletons exist it lets the {@link EtcdWatchConfigurer} beans
 * register watches of their own and choose the default container factory, then has the
 * {@link EtcdWatchEndpointRegistrar} create every container in the
 * {@link EtcdWatchEndpointRegistry}, which starts them. A method that cannot be served
 * fails the startup, with a message naming the bean and the method.
 * <p>
 * Registered by {@link EnableEtcdWatch @EnableEtcdWatch} under {@link #BEAN_NAME}.
 *
 * @since 0.1.0
 */
public class EtcdWatchAnnotationBeanPostProcessor
		implements BeanPostProcessor, BeanFactoryAware, SmartInitializingSingleton, Ordered {

	/**
	 * The name of the post-processor bean that {@code @EnableEtcdWatch} registers.
	 */
	public static final String BEAN_NAME = "dev.etcdspring.client.annotation.internalEtcdWatchAnnotationBeanPostProcessor";

	private final Set<Class<?>> nonAnnotatedClasses = ConcurrentHashMap.newKeySet();

	/** The endpoints of methods found before the singletons existed. */
	private final List<EtcdWatchEndpoint> pending = new ArrayList<>();

	private @Nullable BeanFactory beanFactory;

	private @Nullable EtcdWatchEndpointRegistrar registrar;

	private boolean registerImmediately;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public int getOrder() {
		// after the post-processors that create proxies: the proxy is what gets called
		return LOWEST_PRECEDENCE;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof AopInfrastructureBean || bean instanceof EtcdWatchEndpointRegistry) {
			return bean;
		}
		Class<?> targetClass = AopUtils.getTargetClass(bean);
		if (this.nonAnnotatedClasses.contains(targetClass)) {
			return bean;
		}
		Map<Method, List<MergedAnnotation<EtcdWatch>>> annotated = AnnotationUtils.isCandidateClass(targetClass,
				EtcdWatch.class) ? MethodIntrospector.selectMethods(targetClass, this::findAnnotations) : Map.of();
		if (annotated.isEmpty()) {
			this.nonAnnotatedClasses.add(targetClass);
			return bean;
		}
		Map<String, Integer> indexes = new HashMap<>();
		annotated.forEach((method, annotations) -> {
			for (MergedAnnotation<EtcdWatch> annotation : annotations) {
				int index = indexes.merge(method.getName(), 1, Integer::sum) - 1;
				register(endpoint(annotation, method, bean, beanName, index));
			}
		});
		return bean;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.nonAnnotatedClasses.clear();
		Assert.state(this.beanFactory != null, "No BeanFactory: cannot find the EtcdWatchConfigurer beans");
		EtcdWatchEndpointRegistrar current = registrar();
		this.beanFactory.getBeanProvider(EtcdWatchConfigurer.class)
			.orderedStream()
			.forEach((configurer) -> configurer.configureEtcdWatches(current));
		current.registerAllEndpoints();
		List<EtcdWatchEndpoint> found;
		synchronized (this.pending) {
			found = List.copyOf(this.pending);
			this.pending.clear();
			this.registerImmediately = true;
		}
		// after the configurers: the default container factory they chose applies
		found.forEach(this::register);
	}

	private @Nullable List<MergedAnnotation<EtcdWatch>> findAnnotations(Method method) {
		List<MergedAnnotation<EtcdWatch>> annotations = MergedAnnotations
			.from(method, SearchStrategy.TYPE_HIERARCHY,
					RepeatableContainers.explicitRepeatable(EtcdWatch.class, EtcdWatches.class))
			.stream(EtcdWatch.class)
			// the closest declaration wins over those on overridden methods
			.filter(MergedAnnotationPredicates.firstRunOf(MergedAnnotation::getAggregateIndex))
			.toList();
		return annotations.isEmpty() ? null : annotations;
	}

	private EtcdWatchEndpoint endpoint(MergedAnnotation<EtcdWatch> annotation, Method method, Object bean,
			String beanName, int index) {
		String key = resolve(annotation.getString("key"));
		if (key.isEmpty()) {
			throw invalid(beanName, method, "the key is empty");
		}
		if (key.contains("${")) {
			throw invalid(beanName, method, "the key '" + key + "' has a placeholder that could not be resolved");
		}
		boolean initial = annotation.getBoolean("initial");
		WatchEvent.Type[] types = annotation.getEnumArray("events", WatchEvent.Type.class);
		if (types.length == 0) {
			throw invalid(beanName, method, "events is empty: nothing would be delivered");
		}
		if (initial && !Arrays.asList(types).contains(WatchEvent.Type.PUT)) {
			throw invalid(beanName, method,
					"initial = true delivers the current values as puts, but events leaves out PUT");
		}
		String id = resolve(annotation.getString("id"));
		if (id.isEmpty()) {
			id = beanName + "#" + method.getName() + index;
		}
		String autoStartup = resolve(annotation.getString("autoStartup")).strip();
		if (!autoStartup.equalsIgnoreCase("true") && !autoStartup.equalsIgnoreCase("false")) {
			throw invalid(beanName, method, "autoStartup is '" + autoStartup + "', neither 'true' nor 'false'");
		}
		String containerFactory = resolve(annotation.getString("containerFactory")).strip();
		if (!containerFactory.isEmpty() && this.beanFactory != null
				&& !this.beanFactory.containsBean(containerFactory)) {
			throw invalid(beanName, method,
					"containerFactory is '" + containerFactory
							+ "', but there is no bean of that name (define an EtcdWatchContainerFactory bean named '"
							+ containerFactory + "')");
		}
		Method invocableMethod;
		try {
			// for a JDK proxy, the interface method; the proxy is what gets called
			invocableMethod = AopUtils.selectInvocableMethod(method, bean.getClass());
		}
		catch (IllegalStateException ex) {
			throw invalid(beanName, method, "it cannot be called through the bean's proxy: " + ex.getMessage());
		}
		EtcdWatchMethod target;
		try {
			target = EtcdWatchMethod.of(bean, method, invocableMethod);
		}
		catch (IllegalArgumentException ex) {
			throw invalid(beanName, method, ex.getMessage());
		}
		return EtcdWatchEndpoint.builder(id, key)
			.prefix(annotation.getBoolean("prefix"))
			.initial(initial)
			.events(types)
			.prevValue(annotation.getBoolean("prevValue") || target.needsPrevKv())
			.autoStartup(Boolean.parseBoolean(autoStartup))
			.containerFactory(containerFactory)
			.listener(target)
			.method(beanName, method)
			.build();
	}

	private void register(EtcdWatchEndpoint endpoint) {
		synchronized (this.pending) {
			if (!this.registerImmediately) {
				// the registry would find it too, but later: fail while creating the bean
				for (EtcdWatchEndpoint other : this.pending) {
					if (other.getId().equals(endpoint.getId())) {
						throw invalid(endpoint, "another @EtcdWatch (" + other + ") already has the id '"
								+ endpoint.getId() + "': give each watch its own id");
					}
				}
				this.pending.add(endpoint);
				return;
			}
		}
		try {
			registrar().registerEndpoint(endpoint);
		}
		catch (IllegalStateException ex) {
			throw invalid(endpoint, ex.getMessage());
		}
	}

	private String resolve(String value) {
		if (this.beanFactory instanceof ConfigurableBeanFactory configurable && !value.isEmpty()) {
			String resolved = configurable.resolveEmbeddedValue(value);
			return (resolved != null) ? resolved : "";
		}
		return value;
	}

	private synchronized EtcdWatchEndpointRegistrar registrar() {
		EtcdWatchEndpointRegistrar current = this.registrar;
		if (current == null) {
			Assert.state(this.beanFactory != null, "No BeanFactory: cannot find the EtcdWatchEndpointRegistry");
			EtcdWatchEndpointRegistry registry = this.beanFactory.getBean(EtcdWatchEndpointRegistry.BEAN_NAME,
					EtcdWatchEndpointRegistry.class);
			current = new EtcdWatchEndpointRegistrar(registry, this.beanFactory);
			this.registrar = current;
		}
		return current;
	}

	private static BeanInitializationException invalid(EtcdWatchEndpoint endpoint, @Nullable String problem) {
		// only endpoints of annotated methods come here
		return invalid(Objects.requireNonNull(endpoint.getBeanName()), Objects.requireNonNull(endpoint.getMethod()),
				problem);
	}

	private static BeanInitializationException invalid(String beanName, Method method, @Nullable String problem) {
		String parameters = Arrays.stream(method.getParameterTypes())
			.map(Class::getSimpleName)
			.collect(Collectors.joining(", "));
		return new BeanInitializationException(
				"Invalid @EtcdWatch on method '" + ClassUtils.getQualifiedMethodName(method) + "(" + parameters
						+ ")' of bean '" + beanName + "': " + problem);
	}

}
