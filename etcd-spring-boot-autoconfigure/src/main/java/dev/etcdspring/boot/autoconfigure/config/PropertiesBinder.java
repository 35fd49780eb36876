package dev.etcdspring.boot.autoconfigure.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.ConfigurationPropertiesBean;
import org.springframework.boot.context.properties.ConfigurationPropertiesBindHandlerAdvisor;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.BindMethod;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.bind.handler.IgnoreErrorsBindHandler;
import org.springframework.boot.context.properties.bind.handler.IgnoreTopLevelConverterNotFoundBindHandler;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.format.support.FormattingConversionService;
import org.springframework.util.ClassUtils;
import org.springframework.validation.Validator;
import org.springframework.validation.annotation.Validated;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

/**
 * Binds {@code @ConfigurationProperties} beans anew, each into a fresh instance, the way
 * Boot binds them at startup: the same conversion services, bind handlers and validators
 * ({@code configurationPropertiesValidator}, JSR-303 for {@code @Validated} types, a type
 * that is a {@link Validator} itself). A fresh instance starts from the class's defaults,
 * so a property whose key was deleted gets its default back.
 */
final class PropertiesBinder {

	private static final String VALIDATOR_BEAN_NAME = "configurationPropertiesValidator";

	private static final boolean JSR303_PRESENT = ClassUtils.isPresent("jakarta.validation.Validator", null)
			&& ClassUtils.isPresent("jakarta.validation.ValidatorFactory", null)
			&& ClassUtils.isPresent("jakarta.validation.bootstrap.GenericBootstrap", null);

	private final ConfigurableApplicationContext context;

	private volatile @Nullable Validator jsr303;

	PropertiesBinder(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Return the singleton {@code @ConfigurationProperties} beans, created so far, whose
	 * prefix covers one of {@code names}. Beans made by {@code @Bean} methods are left
	 * out: they are usually components (a connection pool, say) that a new property value
	 * does not reconfigure.
	 */
	List<Target> targets(Set<String> names) {
		List<ConfigurationPropertyName> changed = new ArrayList<>();
		boolean all = false;
		for (String name : names) {
			ConfigurationPropertyName adapted = ConfigurationPropertyName.adapt(name, '.');
			all |= adapted.isEmpty();
			changed.add(adapted);
		}
		List<Target> targets = new ArrayList<>();
		ConfigurableListableBeanFactory beanFactory = this.context.getBeanFactory();
		for (String beanName : beanFactory.getBeanNamesForAnnotation(ConfigurationProperties.class)) {
			Target target = target(beanFactory, beanName);
			if (target != null && (all || target.covers(changed))) {
				targets.add(target);
			}
		}
		return targets;
	}

	/**
	 * Return every singleton {@code @ConfigurationProperties} bean created so far whose
	 * class carries the annotation.
	 */
	List<Target> allTargets() {
		return targets(Set.of(""));
	}

	@Nullable Target target(ConfigurableListableBeanFactory beanFactory, String beanName) {
		if (ScopedProxyUtils.isScopedTarget(beanName) || !beanFactory.containsSingleton(beanName)) {
			return null;
		}
		Object bean = beanFactory.getSingleton(beanName);
		if (bean != null && AopUtils.isAopProxy(bean)) {
			bean = AopProxyUtils.getSingletonTarget(bean);
		}
		if (bean == null) {
			return null;
		}
		Class<?> type = ClassUtils.getUserClass(bean);
		ConfigurationProperties annotation = AnnotatedElementUtils.findMergedAnnotation(type,
				ConfigurationProperties.class);
		ConfigurationPropertiesBean properties = (annotation != null)
				? ConfigurationPropertiesBean.get(this.context, bean, beanName) : null;
		if (annotation == null || properties == null) {
			return null;
		}
		BindMethod method = properties.asBindTarget().getBindMethod();
		return new Target(beanName, bean, type, annotation, method != BindMethod.VALUE_OBJECT);
	}

	/**
	 * Bind a fresh instance of a target's type from the environment as it is now.
	 * @throws RuntimeException when a value does not bind or validate
	 */
	Object bindFresh(Target target, Binder binder) {
		Bindable<?> bindable = Bindable.of(target.type()).withAnnotations(target.annotation());
		String prefix = target.annotation().prefix();
		if (!target.javaBean()) {
			return binder.bindOrCreate(prefix, bindable.withBindMethod(BindMethod.VALUE_OBJECT), handler(target, null));
		}
		Object fresh = BeanUtils.instantiateClass(target.type());
		binder.bind(prefix, Bindable.ofInstance(fresh).withAnnotations(target.annotation()), handler(target, fresh));
		return fresh;
	}

	/** A binder of the environment as it is now. */
	Binder binder() {
		ConfigurableEnvironment environment = this.context.getEnvironment();
		ConfigurableListableBeanFactory beanFactory = this.context.getBeanFactory();
		return new Binder(ConfigurationPropertySources.get(environment),
				new PropertySourcesPlaceholdersResolver(environment), conversionServices(beanFactory),
				beanFactory::copyRegisteredEditorsTo, null, null);
	}

	private List<ConversionService> conversionServices(ConfigurableListableBeanFactory beanFactory) {
		if (this.context.containsBean(ConfigurableApplicationContext.CONVERSION_SERVICE_BEAN_NAME) && beanFactory
			.isTypeMatch(ConfigurableApplicationContext.CONVERSION_SERVICE_BEAN_NAME, ConversionService.class)) {
			return List.of(beanFactory.getBean(ConfigurableApplicationContext.CONVERSION_SERVICE_BEAN_NAME,
					ConversionService.class));
		}
		List<ConversionService> services = new ArrayList<>();
		FormattingConversionService binding = new FormattingConversionService();
		DefaultConversionService.addCollectionConverters(binding);
		Map<String, Object> converters = ApplicationConversionService.addBeans(binding, beanFactory,
				ConfigurationPropertiesBinding.VALUE);
		if (!converters.isEmpty()) {
			services.add(binding);
		}
		if (beanFactory.getConversionService() != null) {
			services.add(beanFactory.getConversionService());
		}
		if (!converters.isEmpty()) {
			services.add(ApplicationConversionService.getSharedInstance());
		}
		return services;
	}

	private BindHandler handler(Target target, @Nullable Object fresh) {
		BindHandler handler = new IgnoreTopLevelConverterNotFoundBindHandler();
		if (target.annotation().ignoreInvalidFields()) {
			handler = new IgnoreErrorsBindHandler(handler);
		}
		if (!target.annotation().ignoreUnknownFields()) {
			handler = new NoUnboundElementsBindHandler(handler);
		}
		List<Validator> validators = new ArrayList<>();
		if (this.context.containsBean(VALIDATOR_BEAN_NAME)) {
			validators.add(this.context.getBean(VALIDATOR_BEAN_NAME, Validator.class));
		}
		if (JSR303_PRESENT && AnnotatedElementUtils.hasAnnotation(target.type(), Validated.class)) {
			validators.add(jsr303());
		}
		if (fresh instanceof Validator self) {
			validators.add(self);
		}
		if (!validators.isEmpty()) {
			handler = new ValidationBindHandler(handler, validators.toArray(new Validator[0]));
		}
		for (ConfigurationPropertiesBindHandlerAdvisor advisor : this.context
			.getBeanProvider(ConfigurationPropertiesBindHandlerAdvisor.class)
			.orderedStream()
			.toList()) {
			handler = advisor.apply(handler);
		}
		return handler;
	}

	private Validator jsr303() {
		Validator validator = this.jsr303;
		if (validator == null) {
			validator = Jsr303.validator(this.context);
			this.jsr303 = validator;
		}
		return validator;
	}

	/**
	 * Kept apart so that its classes load only when Bean Validation is present.
	 */
	private static final class Jsr303 {

		static Validator validator(ConfigurableApplicationContext context) {
			LocalValidatorFactoryBean factory = new LocalValidatorFactoryBean();
			factory.setApplicationContext(context);
			factory.afterPropertiesSet();
			return factory;
		}

	}

	/**
	 * A {@code @ConfigurationProperties} bean to bind anew.
	 *
	 * @param beanName the bean's name
	 * @param bean the bean (the target of a proxy)
	 * @param type the bean's class
	 * @param annotation its {@code @ConfigurationProperties}
	 * @param javaBean whether it is bound through setters, not a constructor
	 */
	record Target(String beanName, Object bean, Class<?> type, ConfigurationProperties annotation, boolean javaBean) {

		boolean covers(List<ConfigurationPropertyName> names) {
			ConfigurationPropertyName prefix = ConfigurationPropertyName.of(this.annotation.prefix());
			for (ConfigurationPropertyName name : names) {
				if (prefix.isEmpty() || prefix.equals(name) || prefix.isAncestorOf(name) || name.isAncestorOf(prefix)) {
					return true;
				}
			}
			return false;
		}

	}

}
