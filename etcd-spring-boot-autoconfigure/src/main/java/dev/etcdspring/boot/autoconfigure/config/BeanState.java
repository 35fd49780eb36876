package dev.etcdspring.boot.autoconfigure.config;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Copies the state of a freshly bound {@code @ConfigurationProperties} JavaBean into the
 * bean the application holds, field by field. Fields are copied as references, so the
 * bean shares the fresh instance's nested objects, which nothing changes afterwards. A
 * {@code final} field cannot be replaced: its nested object is copied into the same way,
 * its collection or map is refilled.
 */
final class BeanState {

	/** Deeper nesting than this is not a properties class. */
	private static final int MAX_DEPTH = 8;

	private BeanState() {
	}

	static void copy(Object from, Object to) {
		copy(from, to, 0);
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static void copy(Object from, Object to, int depth) {
		ReflectionUtils.doWithFields(ClassUtils.getUserClass(to), (field) -> {
			ReflectionUtils.makeAccessible(field);
			Object value = field.get(from);
			if (!Modifier.isFinal(field.getModifiers())) {
				field.set(to, value);
				return;
			}
			Object current = field.get(to);
			if (current == null || value == null || current == value) {
				return;
			}
			if (current instanceof Collection collection && value instanceof Collection<?> fresh) {
				collection.clear();
				collection.addAll(fresh);
			}
			else if (current instanceof Map map && value instanceof Map<?, ?> fresh) {
				map.clear();
				map.putAll(fresh);
			}
			else if (depth < MAX_DEPTH && isNested(field, current)) {
				copy(value, current, depth + 1);
			}
		}, BeanState::isState);
	}

	private static boolean isState(Field field) {
		return !Modifier.isStatic(field.getModifiers()) && !field.isSynthetic();
	}

	/** Whether a final field holds a nested properties object of the application's. */
	private static boolean isNested(Field field, @Nullable Object value) {
		Class<?> type = (value != null) ? value.getClass() : field.getType();
		String name = type.getName();
		return !type.isPrimitive() && !type.isArray() && !type.isEnum() && !type.isRecord() && !name.startsWith("java.")
				&& !name.startsWith("javax.");
	}

}
