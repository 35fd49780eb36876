package dev.etcdspring.client.internal.kv;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import dev.etcdspring.client.kv.ResponseHeader;
import dev.etcdspring.client.kv.TxnOp;
import org.jspecify.annotations.Nullable;

/**
 * One caller's request on its way through a {@link Coalescer}: what it adds to a combined
 * transaction, how to send it alone, and how to find its own answer in the combined one.
 * The caller's thread parks on it until a batch answers it, until it is chosen to lead a
 * batch, or until it must go alone.
 *
 * @param <R> the answer type
 */
final class CoalescedCall<R> {

	/** In the queue, not yet taken into a batch. */
	static final int QUEUED = 0;

	/** Chosen to lead: its thread sends {@link #batch}. */
	static final int LEADING = 1;

	/** Taken into a batch that is being sent. */
	static final int SENT = 2;

	/** Answered, or failed: {@link #answer()} returns or throws. */
	static final int DONE = 3;

	/** The combined transaction was refused: the caller sends its request alone. */
	static final int ALONE = 4;

	/** Shares the answer of an identical read queued before it (single-flight). */
	static final int SHARING = 5;

	final Thread waiter = Thread.currentThread();

	volatile int state = QUEUED;

	private final TxnOp op;

	private final long bytes;

	private final @Nullable Object sharingKey;

	private final KeySpans footprint;

	private final Supplier<R> alone;

	private final BiFunction<TxnOp.Result, ResponseHeader, R> extract;

	private final UnaryOperator<R> copy;

	private @Nullable R result;

	private @Nullable RuntimeException failure;

	/** Identical reads that share this call's answer; guarded by the coalescer's lock. */
	private @Nullable List<CoalescedCall<R>> sharers;

	/**
	 * The batch this call leads, when {@link #LEADING}: itself first. Written under the
	 * coalescer's lock before the state, read by the call's own thread after it.
	 */
	@Nullable List<CoalescedCall<?>> batch;

	/** The call whose answer this one shares, when {@link #SHARING}. */
	@Nullable CoalescedCall<R> sharedWith;

	/**
	 * Create a call.
	 * @param op the operation inside a combined transaction
	 * @param bytes its estimated share of the combined request's size
	 * @param sharingKey equal for identical reads, which may share one answer;
	 * {@code null} when answers must not be shared
	 * @param footprint the keys it reads or writes, for writes that must not meet in one
	 * transaction; empty for reads
	 * @param alone sends the request on its own
	 * @param extract finds the answer in the combined one's result for the operation
	 * @param copy copies an answer for a call sharing it, so that no two callers share
	 * mutable arrays
	 */
	CoalescedCall(TxnOp op, long bytes, @Nullable Object sharingKey, KeySpans footprint, Supplier<R> alone,
			BiFunction<TxnOp.Result, ResponseHeader, R> extract, UnaryOperator<R> copy) {
		this.op = op;
		this.bytes = bytes;
		this.sharingKey = sharingKey;
		this.footprint = footprint;
		this.alone = alone;
		this.extract = extract;
		this.copy = copy;
	}

	TxnOp op() {
		return this.op;
	}

	long bytes() {
		return this.bytes;
	}

	@Nullable Object sharingKey() {
		return this.sharingKey;
	}

	KeySpans footprint() {
		return this.footprint;
	}

	/** How many requests this call answers: itself and the reads sharing it. */
	int requests() {
		return 1 + ((this.sharers != null) ? this.sharers.size() : 0);
	}

	void addSharer(CoalescedCall<?> other) {
		@SuppressWarnings("unchecked")
		CoalescedCall<R> sharer = (CoalescedCall<R>) other;
		if (this.sharers == null) {
			this.sharers = new ArrayList<>(2);
		}
		sharer.sharedWith = this;
		sharer.state = SHARING;
		this.sharers.add(sharer);
	}

	boolean removeSharer(CoalescedCall<?> sharer) {
		return this.sharers != null && this.sharers.remove(sharer);
	}

	boolean hasSharers() {
		return this.sharers != null && !this.sharers.isEmpty();
	}

	/** Send alone, from the caller's thread, and answer the reads sharing this call. */
	R sendAlone() {
		R answer;
		try {
			answer = this.alone.get();
		}
		catch (RuntimeException ex) {
			failSharers(ex);
			throw ex;
		}
		answerSharers(answer);
		return answer;
	}

	/**
	 * Send alone from the leader's own thread, keeping the outcome for {@link #answer()}.
	 */
	void runAlone() {
		try {
			this.result = sendAlone();
		}
		catch (RuntimeException ex) {
			this.failure = ex;
		}
		this.state = DONE;
	}

	/** Answer from the combined transaction's result for this call's operation. */
	void complete(TxnOp.Result combined, ResponseHeader header) {
		R answer;
		try {
			answer = this.extract.apply(combined, header);
		}
		catch (RuntimeException ex) {
			fail(ex);
			return;
		}
		answerSharers(answer);
		this.result = answer;
		wake(DONE);
	}

	void fail(RuntimeException failure) {
		failSharers(failure);
		this.failure = failure;
		wake(DONE);
	}

	/** The combined transaction was refused: the caller tries alone. */
	void goAlone() {
		wake(ALONE);
	}

	/**
	 * Return the answer of a call in state {@link #DONE}.
	 * @throws RuntimeException the call's failure
	 */
	R answer() {
		if (this.failure != null) {
			throw this.failure;
		}
		return this.result;
	}

	private void answerSharers(R answer) {
		if (this.sharers != null) {
			for (CoalescedCall<R> sharer : this.sharers) {
				sharer.result = this.copy.apply(answer);
				sharer.wake(DONE);
			}
		}
	}

	private void failSharers(RuntimeException failure) {
		if (this.sharers != null) {
			for (CoalescedCall<R> sharer : this.sharers) {
				sharer.failure = failure;
				sharer.wake(DONE);
			}
		}
	}

	void wake(int newState) {
		this.state = newState;
		LockSupport.unpark(this.waiter);
	}

}
