package dev.etcdspring.client.annotation;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.ArrayList;
import java.util.List;

import dev.etcdspring.client.kv.KeyValue;
import dev.etcdspring.client.listener.EtcdWatchEventListener;
import dev.etcdspring.client.template.EtcdOperations;
import dev.etcdspring.client.watch.WatchEvent;
import org.jspecify.annotations.Nullable;

import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * An {@code @EtcdWatch} method as the listener of its endpoint, with the way each of its
 * parameters is resolved from a change, decided (and checked) once at startup.
 */
final class EtcdWatchMethod implements EtcdWatchEventListener {

	private final Object bean;

	private final Method invocableMethod;

	private final ArgumentResolver[] resolvers;

	private final boolean needsPrevKv;

	private EtcdWatchMethod(Object bean, Method invocableMethod, ArgumentResolver[] resolvers, boolean needsPrevKv) {
		this.bean = bean;
		this.invocableMethod = invocableMethod;
		this.resolvers = resolvers;
		this.needsPrevKv = needsPrevKv;
	}

	/**
	 * Decide how to call a method.
	 * @param bean the bean to call it on (a proxy, if the bean is proxied)
	 * @param method the annotated method, as declared on the bean's target class
	 * @param invocableMethod the method to invoke on {@code bean}
	 * @return the method
	 * @throws IllegalArgumentException naming the problem when a parameter cannot be
	 * resolved
	 */
	static EtcdWatchMethod of(Object bean, Method method, Method invocableMethod) {
		int count = method.getParameterCount();
		ArgumentResolver[] resolvers = new ArgumentResolver[count];
		List<MethodParameter> values = new ArrayList<>();
		List<MethodParameter> unannotatedValues = new ArrayList<>();
		List<MethodParameter> prevValues = new ArrayList<>();
		ParameterNameDiscoverer parameterNames = new DefaultParameterNameDiscoverer();
		for (int i = 0; i < count; i++) {
			MethodParameter parameter = new MethodParameter(method, i);
			parameter.initParameterNameDiscovery(parameterNames);
			Class<?> type = parameter.getParameterType();
			int bindings = count(parameter, EtcdKey.class) + count(parameter, EtcdValue.class)
					+ count(parameter, EtcdPrevValue.class) + count(parameter, EtcdRevision.class);
			if (bindings > 1) {
				throw problem(parameter, "has more than one of @EtcdKey, @EtcdValue, @EtcdPrevValue, @EtcdRevision");
			}
			if (parameter.hasParameterAnnotation(EtcdKey.class)) {
				resolvers[i] = keyResolver(parameter);
			}
			else if (parameter.hasParameterAnnotation(EtcdRevision.class)) {
				if (type != long.class && type != Long.class) {
					throw problem(parameter, "is annotated with @EtcdRevision but is not a long");
				}
				resolvers[i] = (event, template) -> event.revision();
			}
			else if (parameter.hasParameterAnnotation(EtcdValue.class)) {
				resolvers[i] = valueResolver(parameter, false);
				values.add(parameter);
			}
			else if (parameter.hasParameterAnnotation(EtcdPrevValue.class)) {
				resolvers[i] = valueResolver(parameter, true);
				prevValues.add(parameter);
			}
			else if (type == WatchEvent.class) {
				resolvers[i] = (event, template) -> event;
			}
			else if (type == WatchEvent.Type.class) {
				resolvers[i] = (event, template) -> event.type();
			}
			else if (type == KeyValue.class) {
				resolvers[i] = (event, template) -> event.kv();
			}
			else if (type.isPrimitive()) {
				throw problem(parameter, "is not supported: annotate a long with @EtcdRevision; "
						+ "a value needs an object type, since it is null for a delete");
			}
			else {
				resolvers[i] = valueResolver(parameter, false);
				values.add(parameter);
				unannotatedValues.add(parameter);
			}
		}
		if (unannotatedValues.size() > 1) {
			throw problem(unannotatedValues.get(1),
					"and " + describe(unannotatedValues.get(0))
							+ " could both be the value: annotate the value with @EtcdValue, "
							+ "and the key with @EtcdKey, the previous value with @EtcdPrevValue");
		}
		checkSameType(values, "the value");
		checkSameType(prevValues, "the previous value");
		ReflectionUtils.makeAccessible(invocableMethod);
		return new EtcdWatchMethod(bean, invocableMethod, resolvers, !prevValues.isEmpty());
	}

	/**
	 * Whether a parameter asks for the previous value, so that the watch must ask etcd
	 * for previous key-values.
	 * @return whether previous values are needed
	 */
	boolean needsPrevKv() {
		return this.needsPrevKv;
	}

	/**
	 * Call the method for one change.
	 * @param event the change, with its key relative to the template's namespace
	 * @param template the template whose serializer reads values
	 * @throws Exception what the method or the conversion of a value threw
	 */
	@Override
	public void onEvent(WatchEvent event, EtcdOperations template) throws Exception {
		Object[] arguments = new Object[this.resolvers.length];
		for (int i = 0; i < arguments.length; i++) {
			arguments[i] = this.resolvers[i].resolve(event, template);
		}
		try {
			this.invocableMethod.invoke(this.bean, arguments);
		}
		catch (InvocationTargetException ex) {
			Throwable cause = ex.getTargetException();
			if (cause instanceof Exception exception) {
				throw exception;
			}
			if (cause instanceof VirtualMachineError error) {
				throw error;
			}
			// an AssertionError, say: the handler decides, and the watch goes on
			throw new UndeclaredThrowableException(cause, "@EtcdWatch method threw " + cause);
		}
	}

	@Override
	public String toString() {
		return "@EtcdWatch method " + ClassUtils.getQualifiedMethodName(this.invocableMethod);
	}

	private static ArgumentResolver keyResolver(MethodParameter parameter) {
		Class<?> type = parameter.getParameterType();
		if (type == String.class) {
			return (event, template) -> event.kv().keyAsString();
		}
		if (type == byte[].class) {
			return (event, template) -> event.kv().key();
		}
		throw problem(parameter, "is annotated with @EtcdKey but is neither a String nor a byte[]");
	}

	private static ArgumentResolver valueResolver(MethodParameter parameter, boolean previous) {
		Class<?> type = parameter.getParameterType();
		if (type.isPrimitive()) {
			throw problem(parameter,
					"is a primitive: use " + ClassUtils.resolvePrimitiveIfNecessary(type).getSimpleName()
							+ ", since the value is null for a delete");
		}
		if (!(parameter.getGenericParameterType() instanceof Class)) {
			throw problem(parameter, "has the generic type " + parameter.getGenericParameterType().getTypeName()
					+ ", which the EtcdSerializer cannot read (it reads classes): use a class or an array");
		}
		return (event, template) -> {
			KeyValue kv = previous ? event.prevKv() : (event.type() == WatchEvent.Type.DELETE) ? null : event.kv();
			if (kv == null) {
				return null;
			}
			// the stored bytes whatever the serializer: it may not read byte[] at all
			return (type == byte[].class) ? kv.value() : template.deserialize(kv.value(), type);
		};
	}

	private static void checkSameType(List<MethodParameter> parameters, String what) {
		for (MethodParameter other : parameters) {
			if (!other.getGenericParameterType().equals(parameters.get(0).getGenericParameterType())) {
				throw problem(other,
						"and " + describe(parameters.get(0)) + " both take " + what + ", with conflicting types");
			}
		}
	}

	private static int count(MethodParameter parameter, Class<? extends java.lang.annotation.Annotation> type) {
		return parameter.hasParameterAnnotation(type) ? 1 : 0;
	}

	private static IllegalArgumentException problem(MethodParameter parameter, String text) {
		return new IllegalArgumentException(describe(parameter) + " " + text);
	}

	private static String describe(MethodParameter parameter) {
		String name = parameter.getParameterName();
		return "parameter " + parameter.getParameterIndex() + " (" + parameter.getParameterType().getSimpleName()
				+ ((name != null) ? " " + name : "") + ")";
	}

	@FunctionalInterface
	private interface ArgumentResolver {

		@Nullable Object resolve(WatchEvent event, EtcdOperations template);

	}

}
