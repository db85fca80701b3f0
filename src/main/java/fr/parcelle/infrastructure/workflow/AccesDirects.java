package fr.parcelle.infrastructure.workflow;

import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.ibatis.reflection.DefaultReflectorFactory;
import org.apache.ibatis.reflection.Reflector;
import org.apache.ibatis.reflection.invoker.Invoker;
import org.apache.ibatis.reflection.invoker.MethodInvoker;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;

/**
 * MyBatis reads and writes the engine's entities through direct calls instead of reflection.
 *
 * <p>Camunda persists its entities with MyBatis, which reads each parameter of an insert or an
 * update through the entity's getter and fills each row read through its setter, with {@code
 * Method.invoke} on one call site for every property of every entity. Since JDK 18 such a call goes
 * through a method handle that the JIT cannot inline there, plus the access checks of reflection. A
 * profile of the bench of issue 8 (d) found 10 % of the engines' CPU inside MyBatis' {@code
 * MethodInvoker.invoke}, and 3 % of the server's during deposits ({@code docs/performance.md},
 * twenty-second session).
 *
 * <p>This factory gives MyBatis the same {@link Reflector}s, whose getter and setter invokers are,
 * for a public method of a public class, a {@link Function} or a {@link BiConsumer} generated once
 * by {@link LambdaMetafactory}: an ordinary call the JIT compiles. Everything else (fields, private
 * methods, classes this class loader cannot see) keeps MyBatis' own invoker. An exception thrown by
 * a getter or a setter still reaches MyBatis as an {@link InvocationTargetException}, as from
 * {@code Method.invoke}. Installed by {@link #plugin()} once the engine built its MyBatis
 * configuration, on Payara's engine, the tests' and the benches'.
 */
public final class AccesDirects extends DefaultReflectorFactory {

  private static final Logger LOG = Logger.getLogger(AccesDirects.class.getName());
  private static final MethodHandles.Lookup ICI = MethodHandles.lookup();

  /** {@code MethodInvoker}'s private field holding its method; null if MyBatis changes it. */
  private static final Field METHODE_DE_MYBATIS = champMethode();

  private final ConcurrentMap<Class<?>, Reflector> reflecteurs = new ConcurrentHashMap<>();

  @Override
  public Reflector findForClass(Class<?> type) {
    return reflecteurs.computeIfAbsent(type, Direct::new);
  }

  /** The plugin: the engine's MyBatis configuration gets this factory after it is built. */
  public static ProcessEnginePlugin plugin() {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void postInit(ProcessEngineConfigurationImpl c) {
        c.getSqlSessionFactory().getConfiguration().setReflectorFactory(new AccesDirects());
      }
    };
  }

  /** MyBatis' reflector of a class, its method invokers replaced by direct ones on first use. */
  static final class Direct extends Reflector {
    private final ConcurrentMap<String, Invoker> lectures = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Invoker> ecritures = new ConcurrentHashMap<>();

    Direct(Class<?> type) {
      super(type);
    }

    @Override
    public Invoker getGetInvoker(String propriete) {
      Invoker invoker = lectures.get(propriete);
      if (invoker == null) {
        // MyBatis' own answer first: an unknown property fails as it always did.
        invoker = lecture(super.getGetInvoker(propriete));
        lectures.put(propriete, invoker);
      }
      return invoker;
    }

    @Override
    public Invoker getSetInvoker(String propriete) {
      Invoker invoker = ecritures.get(propriete);
      if (invoker == null) {
        invoker = ecriture(super.getSetInvoker(propriete));
        ecritures.put(propriete, invoker);
      }
      return invoker;
    }
  }

  /** A getter's direct invoker, or {@code base} when there is none. */
  static Invoker lecture(Invoker base) {
    Method methode = methode(base, 0);
    @SuppressWarnings("unchecked")
    Function<Object, Object> appel =
        (Function<Object, Object>)
            lambda(
                methode,
                Function.class,
                "apply",
                MethodType.methodType(Object.class, Object.class),
                methode == null
                    ? null
                    : MethodType.methodType(
                        enveloppe(methode.getReturnType()), methode.getDeclaringClass()));
    return appel == null ? base : new Lecture(appel, base.getType());
  }

  /** A setter's direct invoker, or {@code base} when there is none. */
  static Invoker ecriture(Invoker base) {
    Method methode = methode(base, 1);
    @SuppressWarnings("unchecked")
    BiConsumer<Object, Object> appel =
        (BiConsumer<Object, Object>)
            lambda(
                methode,
                BiConsumer.class,
                "accept",
                MethodType.methodType(void.class, Object.class, Object.class),
                methode == null
                    ? null
                    : MethodType.methodType(
                        void.class,
                        methode.getDeclaringClass(),
                        enveloppe(methode.getParameterTypes()[0])));
    return appel == null ? base : new Ecriture(appel, base.getType());
  }

  /**
   * An instance of {@code interfaceFonctionnelle} whose {@code nom} calls {@code methode}, or null
   * when there is no method or the lambda cannot be made (MyBatis' invoker is kept).
   */
  private static Object lambda(
      Method methode,
      Class<?> interfaceFonctionnelle,
      String nom,
      MethodType effacee,
      MethodType instanciee) {
    if (methode == null) {
      return null;
    }
    try {
      return LambdaMetafactory.metafactory(
              ICI,
              nom,
              MethodType.methodType(interfaceFonctionnelle),
              effacee,
              ICI.unreflect(methode),
              instanciee)
          .getTarget()
          .invoke();
    } catch (Throwable e) {
      LOG.log(Level.FINE, e, () -> "Accès par réflexion gardé pour " + methode);
      return null;
    }
  }

  private static Field champMethode() {
    try {
      Field champ = MethodInvoker.class.getDeclaredField("method");
      champ.setAccessible(true);
      return champ;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /**
   * The method behind a MyBatis method invoker, if it takes {@code parametres} parameters and a
   * direct call to it can be made from here: a public method of a public class that this class
   * loader resolves to the same class.
   */
  static Method methode(Invoker base, int parametres) {
    if (!(base instanceof MethodInvoker) || METHODE_DE_MYBATIS == null) {
      return null;
    }
    Method methode;
    try {
      methode = (Method) METHODE_DE_MYBATIS.get(base);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
    Class<?> classe = methode.getDeclaringClass();
    if (methode.getParameterCount() != parametres
        || !Modifier.isPublic(methode.getModifiers())
        || !Modifier.isPublic(classe.getModifiers())
        || !visible(classe)
        || !visible(methode.getReturnType())
        || java.util.Arrays.stream(methode.getParameterTypes()).anyMatch(t -> !visible(t))) {
      return null;
    }
    return methode;
  }

  private static boolean visible(Class<?> classe) {
    if (classe.isPrimitive()) {
      return true;
    }
    if (classe.isArray()) {
      return visible(classe.getComponentType());
    }
    try {
      return Class.forName(classe.getName(), false, AccesDirects.class.getClassLoader()) == classe;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  private static Class<?> enveloppe(Class<?> type) {
    return type.isPrimitive() ? MethodType.methodType(type).wrap().returnType() : type;
  }

  /** A getter called directly. */
  private record Lecture(Function<Object, Object> appel, Class<?> type) implements Invoker {
    @Override
    public Object invoke(Object cible, Object[] arguments) throws InvocationTargetException {
      try {
        return appel.apply(cible);
      } catch (RuntimeException | Error e) {
        throw new InvocationTargetException(e);
      }
    }

    @Override
    public Class<?> getType() {
      return type;
    }
  }

  /** A setter called directly. */
  private record Ecriture(BiConsumer<Object, Object> appel, Class<?> type) implements Invoker {
    @Override
    public Object invoke(Object cible, Object[] arguments) throws InvocationTargetException {
      try {
        appel.accept(cible, arguments[0]);
        return null;
      } catch (RuntimeException | Error e) {
        throw new InvocationTargetException(e);
      }
    }

    @Override
    public Class<?> getType() {
      return type;
    }
  }
}
