package dev.etcdspring.client.internal.transport;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The members a transport talks to, and which one serves the next request: the member the
 * client sticks to (linearizable reads, writes, watch streams), or each member in turn
 * (serializable reads with round-robin balancing). The list may be replaced while
 * requests run (member discovery): a request that already chose a member finishes there.
 * <p>
 * Reading the choice costs two volatile reads and, for round-robin, one atomic increment:
 * this is on the path of every request.
 */
final class MemberEndpoints {

	/** The back-off after a member's first failure in a row. */
	static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

	/**
	 * The longest back-off: a member that came back is used again within half a minute,
	 * and one that hangs (each try there costs an attempt timeout) is tried at most about
	 * twice a minute.
	 */
	static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

	/**
	 * The endpoints and which of them the client sticks to, replaced as a whole so that
	 * the two always agree. {@code preferredIndex} only grows; it is taken modulo the
	 * size.
	 */
	private final AtomicReference<View> view;

	private final AtomicInteger nextRead = new AtomicInteger();

	/** Members that failed recently; empty, and so cheap to check, while all is well. */
	private final Map<String, Backoff> failing = new ConcurrentHashMap<>();

	MemberEndpoints(List<String> endpoints) {
		Assert.notEmpty(endpoints, "At least one etcd endpoint is required");
		this.view = new AtomicReference<>(new View(List.copyOf(endpoints), 0));
	}

	/** The endpoints now in use, in order. */
	List<String> all() {
		return this.view.get().endpoints;
	}

	/** The member the client sticks to. */
	String preferred() {
		return this.view.get().preferredEndpoint();
	}

	/**
	 * The member for the next serializable read: the next one in turn that has not failed
	 * recently, or, when all of them have, simply the next one.
	 */
	String nextForRead() {
		List<String> endpoints = this.view.get().endpoints;
		int start = this.nextRead.getAndIncrement();
		String first = endpoints.get(Math.floorMod(start, endpoints.size()));
		if (this.failing.isEmpty()) {
			return first;
		}
		long now = System.nanoTime();
		for (int i = 0; i < endpoints.size(); i++) {
			String candidate = endpoints.get(Math.floorMod(start + i, endpoints.size()));
			Backoff backoff = this.failing.get(candidate);
			if (backoff == null || backoff.isOver(now)) {
				return candidate;
			}
		}
		return first;
	}

	/**
	 * {@code endpoint} failed a request in a way that says something about the member (no
	 * connection, no answer in time, unavailable): skip it for serializable reads for a
	 * while, and stop sticking to it.
	 */
	void failed(String endpoint) {
		this.failing.compute(endpoint,
				(url, backoff) -> (backoff != null) ? backoff.again(System.nanoTime()) : Backoff.first());
		moveOnFrom(endpoint);
	}

	/** {@code endpoint} answered: forget its failures. */
	void succeeded(String endpoint) {
		if (!this.failing.isEmpty()) {
			this.failing.remove(endpoint);
		}
	}

	/**
	 * Stop sticking to {@code endpoint}, unless another thread already moved on: calls
	 * that failed there together move one member on, not one each.
	 */
	void moveOnFrom(String endpoint) {
		View current = this.view.get();
		if (current.preferredEndpoint().equals(endpoint)) {
			this.view.compareAndSet(current, new View(current.endpoints, current.preferredIndex + 1));
		}
	}

	/**
	 * Use {@code endpoints} from now on, still sticking to the same member when it is
	 * among them.
	 * @return the endpoints used before, or {@code null} when nothing changed
	 */
	@Nullable List<String> replace(List<String> endpoints) {
		Assert.notEmpty(endpoints, "At least one etcd endpoint is required");
		List<String> next = List.copyOf(endpoints);
		while (true) {
			View current = this.view.get();
			if (current.endpoints.equals(next)) {
				return null;
			}
			int stay = next.indexOf(current.preferredEndpoint());
			if (this.view.compareAndSet(current, new View(next, Math.max(stay, 0)))) {
				this.failing.keySet().retainAll(next);
				return current.endpoints;
			}
		}
	}

	private record View(List<String> endpoints, int preferredIndex) {

		String preferredEndpoint() {
			return this.endpoints.get(Math.floorMod(this.preferredIndex, this.endpoints.size()));
		}

	}

	/**
	 * When a failing member may be tried again, and how long it waits after its next
	 * failure.
	 */
	private record Backoff(long retryAtNanos, long lengthNanos) {

		static Backoff first() {
			return new Backoff(System.nanoTime() + FIRST_BACKOFF.toNanos(), FIRST_BACKOFF.toNanos());
		}

		/**
		 * A failure during the back-off came from a request sent before it began (many
		 * fail together when a member dies): only a failed try after it makes the next
		 * one longer.
		 */
		Backoff again(long now) {
			if (!isOver(now)) {
				return this;
			}
			long length = Math.min(this.lengthNanos * 2, MAX_BACKOFF.toNanos());
			return new Backoff(now + length, length);
		}

		boolean isOver(long now) {
			return now - this.retryAtNanos >= 0;
		}

	}

}
