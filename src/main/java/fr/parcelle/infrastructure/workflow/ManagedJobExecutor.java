package fr.parcelle.infrastructure.workflow;

import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;

/**
 * Camunda's job executor (timers carry the legal deadlines) running on threads of the container's
 * {@link ManagedThreadFactory}, so that jobs see the application's class loader, JNDI and CDI like
 * a request does. The pool is bounded; what does not fit waits for the next acquisition (Camunda's
 * rejected-jobs handling).
 */
public class ManagedJobExecutor extends DefaultJobExecutor {

  private final ManagedThreadFactory threads;

  public ManagedJobExecutor(ManagedThreadFactory threads) {
    this.threads = threads;
  }

  @Override
  protected void startExecutingJobs() {
    if (threadPoolExecutor == null || threadPoolExecutor.isShutdown()) {
      threadPoolExecutor =
          new ThreadPoolExecutor(
              corePoolSize,
              maxPoolSize,
              0L,
              TimeUnit.MILLISECONDS,
              new ArrayBlockingQueue<>(queueSize),
              threads);
    }
    startJobAcquisitionThread();
  }

  @Override
  protected void startJobAcquisitionThread() {
    if (jobAcquisitionThread == null) {
      jobAcquisitionThread = threads.newThread(acquireJobsRunnable);
      jobAcquisitionThread.setName(getName());
      jobAcquisitionThread.start();
    }
  }

  /** True while the acquisition thread runs (health check). */
  public boolean estEnMarche() {
    return isActive() && jobAcquisitionThread != null && jobAcquisitionThread.isAlive();
  }
}
