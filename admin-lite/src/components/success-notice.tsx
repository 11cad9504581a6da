/** The last success message of a page (role="status"); nothing when there is none. */
export function SuccessNotice({ message }: { message: string | undefined }) {
  return message ? (
    <p className="notice notice--success" role="status">
      {message}
    </p>
  ) : null;
}
