package dev.etcdspring.client.internal.kv;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import dev.etcdspring.client.exception.EtcdBulkException;
import dev.etcdspring.client.exception.EtcdConnectionException;
import dev.etcdspring.client.exception.EtcdError;
import dev.etcdspring.client.exception.EtcdException;
import dev.etcdspring.client.exception.EtcdRequestTooLargeException;
import dev.etcdspring.client.exception.EtcdServerException;
import dev.etcdspring.client.internal.kv.BulkPlan.Chunk;
import dev.etcdspring.client.internal.kv.BulkPlan.Op;
import dev.etcdspring.client.kv.BulkRequest;
import dev.etcdspring.client.kv.Keys;
import dev.etcdspring.client.kv.Txn;
import dev.etcdspring.client.kv.TxnOp;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Runs {@link BulkRequest}s. The calling thread sends transactions itself while up to
 * {@code parallelism - 1} helpers on the client's executor send others, each taking the
 * next unsent transaction: a bulk needs no threads of its own, and one with parallelism 1
 * runs on the calling thread alone, in order.
 */
final class BulkWriter {

	private static final Log logger = LogFactory.getLog(BulkWriter.class);

	/**
	 * How often a long bulk write logs its progress at INFO: a line now and then shows it
	 * is alive, without a line per transaction.
	 */
	private static final long PROGRESS_INTERVAL_NANOS = Duration.ofSeconds(5).toNanos();

	private final Function<Txn, Txn.Response> send;

	private final @Nullable Executor executor;

	/**
	 * Create a writer.
	 * @param send sends a transaction
	 * @param executor runs the helpers; {@code null} to send everything from the calling
	 * thread
	 */
	BulkWriter(Function<Txn, Txn.Response> send, @Nullable Executor executor) {
		this.send = send;
		this.executor = executor;
	}

	BulkRequest.Response write(BulkRequest request) {
		BulkPlan plan = BulkPlan.of(request);
		if (plan.chunks().isEmpty()) {
			return new BulkRequest.Response(0, 0, 0);
		}
		return new Run(plan.ops(), plan.chunks()).execute(request.getParallelism());
	}

	/**
	 * etcd refused the transaction (it is atomic, so none of it was applied) or the
	 * request surely never reached it. Anything else (no answer, an unreadable answer)
	 * may have been applied.
	 */
	private static boolean surelyNotApplied(Throwable failure) {
		return failure instanceof EtcdServerException || failure instanceof EtcdConnectionException;
	}

	private static long millisSince(long nanos) {
		return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
	}

	private enum Outcome {

		APPLIED, FAILED, UNKNOWN

	}

	private record Failure(Chunk chunk, Throwable error) {
	}

	/**
	 * The state of one bulk, shared by the calling thread and the helpers.
	 */
	private final class Run {

		private final List<Op> ops;

		private final List<Chunk> chunks;

		private final @Nullable Outcome[] outcomes;

		private final List<Failure> failures = new ArrayList<>();

		private final long start = System.nanoTime();

		private long lastProgress = this.start;

		private boolean progressLogged;

		private int next;

		private int inFlight;

		private boolean stopped;

		private boolean interrupted;

		private int appliedOps;

		private int appliedTransactions;

		private long revision;

		Run(List<Op> ops, List<Chunk> chunks) {
			this.ops = ops;
			this.chunks = chunks;
			this.outcomes = new Outcome[chunks.size()];
		}

		BulkRequest.Response execute(int parallelism) {
			Executor helpers = BulkWriter.this.executor;
			// an interrupted caller sends nothing, and so must not start helpers
			boolean callerInterrupted = Thread.currentThread().isInterrupted();
			int count = (helpers != null && !callerInterrupted) ? Math.min(parallelism, this.chunks.size()) - 1 : 0;
			for (int i = 0; i < count; i++) {
				try {
					helpers.execute(this::send);
				}
				catch (RejectedExecutionException ex) {
					// the client is closing: the calling thread goes on alone
					break;
				}
			}
			send();
			boolean interruptedWhileWaiting = awaitIdle();
			try {
				return result();
			}
			finally {
				if (interruptedWhileWaiting) {
					Thread.currentThread().interrupt();
				}
			}
		}

		private void send() {
			for (Chunk chunk = next(); chunk != null; chunk = next()) {
				long started = System.nanoTime();
				Txn.Response response;
				try {
					response = BulkWriter.this.send.apply(txn(chunk));
				}
				catch (RuntimeException | Error ex) {
					failed(chunk, ex);
					continue;
				}
				applied(chunk, response.header().revision(), started);
			}
		}

		private Txn txn(Chunk chunk) {
			TxnOp[] txnOps = new TxnOp[chunk.size()];
			for (int i = 0; i < txnOps.length; i++) {
				txnOps[i] = this.ops.get(chunk.from() + i).op();
			}
			return Txn.create().then(txnOps);
		}

		private synchronized @Nullable Chunk next() {
			if (this.stopped || this.next == this.chunks.size()) {
				return null;
			}
			if (Thread.currentThread().isInterrupted()) {
				// the caller was interrupted, or the client is closing (helpers)
				this.stopped = true;
				this.interrupted = true;
				return null;
			}
			this.inFlight++;
			return this.chunks.get(this.next++);
		}

		private void applied(Chunk chunk, long txnRevision, long started) {
			boolean progress;
			int done;
			synchronized (this) {
				this.outcomes[chunk.index()] = Outcome.APPLIED;
				this.appliedOps += chunk.size();
				this.appliedTransactions++;
				this.revision = Math.max(this.revision, txnRevision);
				long now = System.nanoTime();
				progress = now - this.lastProgress >= PROGRESS_INTERVAL_NANOS;
				if (progress) {
					this.lastProgress = now;
					this.progressLogged = true;
				}
				done = this.appliedOps;
				this.inFlight--;
				notifyAll();
			}
			if (logger.isDebugEnabled()) {
				logger.debug(String.format(Locale.ROOT,
						"etcd bulk write: transaction %d of %d (operations %d to %d, ~%d bytes) applied at revision %d "
								+ "in %d ms",
						chunk.index(), this.chunks.size(), chunk.from(), chunk.to() - 1, chunk.bytes(), txnRevision,
						millisSince(started)));
			}
			if (progress && logger.isInfoEnabled()) {
				logger.info(String.format(Locale.ROOT, "etcd bulk write: %d of %d operations applied after %d s", done,
						this.ops.size(), TimeUnit.MILLISECONDS.toSeconds(millisSince(this.start))));
			}
		}

		private void failed(Chunk chunk, Throwable error) {
			synchronized (this) {
				this.outcomes[chunk.index()] = surelyNotApplied(error) ? Outcome.FAILED : Outcome.UNKNOWN;
				this.failures.add(new Failure(chunk, error));
				this.stopped = true;
				this.inFlight--;
				notifyAll();
			}
			if (logger.isDebugEnabled()) {
				logger.debug("etcd bulk write: transaction " + chunk.index() + " of " + this.chunks.size()
						+ " (operations " + chunk.from() + " to " + (chunk.to() - 1) + ") failed: " + error);
			}
		}

		/**
		 * Wait until no transaction is in flight. Each is bounded by the request timeout;
		 * an interrupt stops sending more but still waits for those, so that the outcome
		 * of every transaction is known when the bulk returns.
		 * @return whether the thread was interrupted while waiting
		 */
		private synchronized boolean awaitIdle() {
			boolean interruptedWhileWaiting = false;
			while (this.inFlight > 0) {
				try {
					wait();
				}
				catch (InterruptedException ex) {
					interruptedWhileWaiting = true;
					this.stopped = true;
					this.interrupted = true;
				}
			}
			return interruptedWhileWaiting;
		}

		private synchronized BulkRequest.Response result() {
			if (this.appliedTransactions == this.chunks.size()) {
				String message = String.format(Locale.ROOT,
						"etcd bulk write: %d operations applied in %d transactions up to revision %d in %d ms",
						this.appliedOps, this.appliedTransactions, this.revision, millisSince(this.start));
				if (this.progressLogged) {
					logger.info(message);
				}
				else if (logger.isDebugEnabled()) {
					logger.debug(message);
				}
				return new BulkRequest.Response(this.appliedOps, this.appliedTransactions, this.revision);
			}
			throw failure();
		}

		private EtcdBulkException failure() {
			List<Integer> failed = new ArrayList<>();
			List<Integer> unknown = new ArrayList<>();
			List<byte[]> unapplied = new ArrayList<>();
			List<String> details = new ArrayList<>();
			int unsentTransactions = 0;
			int unsentOps = 0;
			for (Chunk chunk : this.chunks) {
				Outcome outcome = this.outcomes[chunk.index()];
				if (outcome == Outcome.APPLIED) {
					continue;
				}
				if (outcome == null) {
					unsentTransactions++;
					unsentOps += chunk.size();
				}
				else {
					(outcome == Outcome.FAILED ? failed : unknown).add(chunk.index());
					details.add("transaction %d (operations %d to %d) %s".formatted(chunk.index(), chunk.from(),
							chunk.to() - 1, (outcome == Outcome.FAILED) ? "failed" : "has an unknown outcome"));
				}
				for (int i = chunk.from(); i < chunk.to(); i++) {
					unapplied.add(this.ops.get(i).key());
				}
			}
			if (unsentTransactions > 0) {
				details.add("%d transaction(s) (%d operations) not sent".formatted(unsentTransactions, unsentOps));
			}
			StringBuilder message = new StringBuilder("etcd bulk write stopped")
				.append(String.format(Locale.ROOT, ": %d of %d operations applied (%d of %d transactions). ",
						this.appliedOps, this.ops.size(), this.appliedTransactions, this.chunks.size()));
			Throwable cause;
			if (this.failures.isEmpty()) {
				cause = new EtcdException("Interrupted: the calling thread was interrupted or the client closed");
				message.append("Interrupted. ");
			}
			else {
				Failure first = this.failures.get(0);
				cause = first.error();
				message.append("First failure, in transaction ")
					.append(first.chunk().index())
					.append(": ")
					.append(first.error().getMessage())
					.append(". ");
				String hint = hint(first);
				if (hint != null) {
					message.append(hint).append(". ");
				}
				if (this.interrupted) {
					message.append("Also interrupted. ");
				}
			}
			message.append("Not applied: ")
				.append(String.join("; ", details))
				.append(". Each transaction is atomic, the bulk is not: getUnappliedKeys() lists the ")
				.append(unapplied.size())
				.append(" keys not surely applied.");
			EtcdBulkException exception = new EtcdBulkException(message.toString(), this.ops.size(), this.appliedOps,
					failed, unknown, unapplied, cause);
			this.failures.stream().skip(1).forEach((other) -> exception.addSuppressed(other.error()));
			return exception;
		}

		private @Nullable String hint(Failure failure) {
			Chunk chunk = failure.chunk();
			if (failure.error() instanceof EtcdServerException server
					&& server.getError() == EtcdError.TOO_MANY_TXN_OPS) {
				return ("The server allows fewer operations per transaction than the %d sent (etcd's --max-txn-ops, "
						+ "%d by default): set opsPerTxn to at most its limit")
					.formatted(chunk.size(), Txn.DEFAULT_MAX_OPS);
			}
			if (failure.error() instanceof EtcdRequestTooLargeException) {
				if (chunk.size() == 1) {
					return "Operation %d (key '%s') alone is larger than etcd's --max-request-bytes"
						.formatted(chunk.from(), Keys.printable(this.ops.get(chunk.from()).key()));
				}
				return "Set bytesPerTxn well below etcd's --max-request-bytes";
			}
			return null;
		}

	}

}
