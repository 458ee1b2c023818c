using System;
using System.Reflection;

namespace HarmonyRenode.Core.Session
{
    /// <summary>
    /// The one line a user sees when the host itself fails (a bug, not bad guest input): no stack trace, which only
    /// the debug log level shows (README, "Exit code" 125).
    /// </summary>
    public static class HostFailure
    {
        /// <summary>
        /// The exception's message on one line. HarmonyRenode's own exceptions are written for users and stand alone;
        /// any other (a NullReferenceException, an IOException from deep inside) is named by its type, since its
        /// message alone ("Object reference not set to an instance of an object.") does not say what broke.
        /// </summary>
        public static string Describe(Exception exception)
        {
            var cause = Unwrap(exception);
            var message = OneLine(cause.Message);
            var type = cause.GetType();
            if (type.Namespace != null && type.Namespace.StartsWith("HarmonyRenode", StringComparison.Ordinal) && message.Length > 0)
            {
                return message;
            }
            return message.Length == 0 ? type.Name : $"{type.Name}: {message}";
        }

        /// <summary>The exception that says what happened, not the reflection or task wrapper around it.</summary>
        private static Exception Unwrap(Exception exception)
        {
            while (true)
            {
                switch (exception)
                {
                    case TargetInvocationException wrapper when wrapper.InnerException != null:
                        exception = wrapper.InnerException;
                        continue;
                    case AggregateException aggregate when aggregate.InnerExceptions.Count == 1:
                        exception = aggregate.InnerExceptions[0];
                        continue;
                    default:
                        return exception;
                }
            }
        }

        private static string OneLine(string text) =>
            string.Join(" ", (text ?? "").Split(new[] { '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries)).Trim();
    }
}
