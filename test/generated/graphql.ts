/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** An invitation token and the password the reader chooses. */
export type AcceptReaderInviteInput = {
  /** At least 10 characters (at most 128), with a letter and a digit. */
  password: string;
  /** The token from inviteReader. */
  token: string;
};

/** A manual credit or debit by an admin. */
export type AdjustBalanceInput = {
  /** Wallet (default) or reader earnings. */
  account?: AdjustableAccount | null | undefined;
  /** Signed amount in cents: positive credits, negative debits (never below zero). */
  amountCents: number;
  /** Repeating a key returns the first result and moves nothing (8–200 characters). */
  idempotencyKey: string;
  /** Why (3–500 characters); kept in the ledger and the audit log. */
  reason: string;
  /** Whose balance. */
  userId: string | number;
};

/** Which of a user's balances an adjustment changes. */
export type AdjustableAccount =
  /** The reader's earnings. */
  | 'EARNINGS'
  /** The client wallet. */
  | 'WALLET';

/** One admin action family, granted by admin roles. */
export type AdminPermission =
  /** Credit or debit balances by hand (adjustBalance). */
  | 'ADJUSTMENTS'
  /** Read the audit log (auditLogs). */
  | 'AUDIT_READ'
  /** Manage the virtual gift catalogue. */
  | 'CATALOGUE'
  /** Read the whole ledger, its accounts and the reconciliation report. */
  | 'LEDGER_AUDIT'
  /** Moderate the forum (moderationQueue, moderateForumPost, removeForumReply, resolveFlag) and post in admin-only categories. */
  | 'MODERATION'
  /** Pay readers out (requestPayout). */
  | 'PAYOUTS'
  /** Change admins' roles (setAdminPermissions). */
  | 'PERMISSIONS'
  /** Invite readers and verify them (inviteReader, verifyReader). */
  | 'READERS_MANAGE'
  /** Refund sessions and wallet balances (refundSession, refundWalletBalance, walletRefunds). */
  | 'REFUNDS'
  /** End any reading session (endSession as an admin). */
  | 'SESSIONS_MANAGE'
  /** Change system settings. */
  | 'SETTINGS'
  /** Suspend, ban or reactivate users (setUserStatus). */
  | 'USERS_MANAGE';

/** A kind of admin; an admin's roles decide which admin actions it may take (docs/auth.md "Admin permissions"). */
export type AdminRole =
  /** Pays readers out, refunds and adjusts balances without a cap, audits the ledger, reads the audit log. */
  | 'FINANCE'
  /** Moderates the forum (queue, flags, posts, announcements), suspends users, reads the audit log. */
  | 'MODERATOR'
  /** Every admin permission, including system settings and admins' roles. */
  | 'SUPER_ADMIN'
  /** Suspends and reactivates users, invites and verifies readers, ends sessions, refunds and adjusts balances up to the support_refund_limit_cents setting, reads the audit log. */
  | 'SUPPORT';

/** Filters of adminUsers; all given filters must match. */
export type AdminUserFilter = {
  /** Only accounts created at or after this instant. */
  createdFrom?: string | null | undefined;
  /** Only accounts created before this instant (after createdFrom). */
  createdTo?: string | null | undefined;
  /** Only this role. */
  role?: UserRole | null | undefined;
  /** Part of the email, first or last name, or reader display name (case-insensitive; 2 to 100 characters). */
  search?: string | null | undefined;
  /** Only this status. */
  status?: UserStatus | null | undefined;
};

/** Audit log filters; all given filters must match. */
export type AuditLogFilter = {
  /** Only this action (e.g. accounts:set_user_status). */
  action?: string | null | undefined;
  /** Only actions starting with this text, e.g. `payments:` for every money action (at most 100 characters). */
  actionPrefix?: string | null | undefined;
  /** Only actions by this user. */
  actorId?: string | number | null | undefined;
  /** Only this target entity. */
  entityId?: string | null | undefined;
  /** Only this kind of target entity (e.g. User, Reader, Session). */
  entityType?: string | null | undefined;
  /** Only rows written at or after this instant. */
  from?: string | null | undefined;
  /** Only rows written before this instant (must be after `from`). */
  to?: string | null | undefined;
};

/** A booking inside a reader's availability. */
export type BookSessionInput = {
  /** A booking credit of yours (bookingCredits) to pay the first minutes with: AVAILABLE, not expired, bought for this reader and this session type. Another buyer's credit answers NOT_FOUND; another reader or type BAD_USER_INPUT; a used, void or expired one CONFLICT (reason BOOKING_CREDIT_NOT_AVAILABLE or BOOKING_CREDIT_EXPIRED). */
  bookingCreditId?: string | number | null | undefined;
  /** The reader (user id). */
  readerId: string | number;
  /** Start, inside one of the reader's slots. */
  startsAt: string;
  /** Chat, call or video. */
  type: SessionType;
  /** Without bookingCreditId: true applies your available booking credit for this reader and type that expires first, if you have one (none: billed from the wallet as usual). */
  useBookingCredit?: boolean | null | undefined;
};

/** Where a booking credit stands. */
export type BookingCreditStatus =
  /** Paid and not used yet. */
  | 'AVAILABLE'
  /** Void: not used in time. */
  | 'EXPIRED'
  /** Redeemed for a session with the reader (see session): its first minutes are prepaid. Given back (AVAILABLE) if that session ends before it started. */
  | 'REDEEMED'
  /** Void: the order was cancelled or fully refunded before the credit was used. */
  | 'REFUNDED';

/** Where one Stripe refund of a shop order's card payment is. */
export type CardRefundStatus =
  /** Stripe refused it, or the refund failed or was canceled later; the amount was credited to the buyer's wallet instead. */
  | 'FAILED'
  /** Decided and queued; not sent to Stripe yet. */
  | 'PENDING'
  /** Sent; Stripe's outcome is not known yet or its refund is pending (retried with the same key, or settled by its webhook). */
  | 'PROCESSING'
  /** Stripe refunded the card. */
  | 'SUCCEEDED';

/** A new sign-in address for the signed-in user, confirmed by the current password. */
export type ChangeEmailInput = {
  /** The new address; it receives a confirmation link and is in use only once that link is opened. */
  newEmail: string;
  /** The current password (wrong ones count like failed logins). */
  password: string;
};

/** A new password for the signed-in user. */
export type ChangePasswordInput = {
  /** The password in use now. */
  currentPassword: string;
  /** At least 10 characters (at most 128), with a letter and a digit; must differ from the current one. */
  newPassword: string;
};

/** What changed in a conversation. */
export type ConversationUpdateKind =
  /** A message was sent. */
  | 'NEW_MESSAGE'
  /** The other participant (or you, on another device) read the messages. */
  | 'READ'
  /** A paid reply was opened. */
  | 'UNLOCKED';

/** A new forum post. */
export type CreateForumPostInput = {
  /** Category to post in. */
  categoryId: string | number;
  /** Body, up to 20000 characters. */
  content: string;
  /** Title, 3–200 characters. */
  title: string;
};

/** A reply to a post (replies are one level deep). */
export type CreateForumReplyInput = {
  /** Body, up to 10000 characters. */
  content: string;
  /** The post to reply to (not a reply). */
  postId: string | number;
};

/** A new product. Readers sell their own; admins sell as the platform or for a reader. */
export type CreateProductInput = {
  /** Shop category, 2–60 letters, digits, spaces, & ' -. */
  category: string;
  /** Long description, plain text, at most 5000 characters. */
  description?: string | null | undefined;
  /** Highlight it in the shop (default false). */
  featured?: boolean | null | undefined;
  /** Digital goods (required for them): the file in the shop's file storage buyers download. */
  fileKey?: string | null | undefined;
  /** Up to 10 picture URLs (http or https). */
  images?: Array<string> | null | undefined;
  /** Display name, 2–120 characters. */
  name: string;
  /** Price of one unit in cents, 50 to 1,000,000. */
  priceCents: number;
  /** Admins: the reader who sells it. Readers may only name themselves. */
  readerId?: string | number | null | undefined;
  /** Admins only: the platform sells it (all of its revenue goes to the platform). */
  sellAsPlatform?: boolean | null | undefined;
  /** Bookable services sold by a reader: the reading's length, 5–240 minutes (with serviceSessionType; set at creation). */
  serviceMinutes?: number | null | undefined;
  /** Bookable services sold by a reader: the kind of reading each unit buys (with serviceMinutes; set at creation). */
  serviceSessionType?: ServiceSessionType | null | undefined;
  /** Stock-keeping unit, unique across the shop (letters, digits, . _ -). */
  sku?: string | null | undefined;
  /** DRAFT (default), ACTIVE or INACTIVE. */
  status?: ProductStatus | null | undefined;
  /** Units in stock: required for physical goods, refused for the others. */
  stockQuantity?: number | null | undefined;
  /** Service, digital file or physical good (cannot change later). */
  type: ProductType;
  /** Physical goods: shipping weight of one unit in grams. */
  weightGrams?: number | null | undefined;
};

/** A review of a completed session. */
export type CreateReviewInput = {
  /** Optional comment, at most 2000 characters. */
  comment?: string | null | undefined;
  /** 1 to 5 stars. */
  rating: number;
  /** A completed session of yours with at least one paid minute, ended within 30 days. */
  sessionId: string | number;
};

/** A card top-up. */
export type CreateTopUpInput = {
  /** Amount in cents: at least $5 (setting), at most $1,000. */
  amountCents: number;
  /** Repeating a key returns the same top-up instead of starting another (8–200 characters). */
  idempotencyKey?: string | null | undefined;
};

/** A new catalogue gift. */
export type CreateVirtualGiftInput = {
  /** Animation URL (http or https). */
  animationUrl?: string | null | undefined;
  /** Short text shown under the gift in the picker (optional). */
  description?: string | null | undefined;
  /** Image URL (http or https). */
  imageUrl: string;
  /** Unique name, up to 60 characters. */
  name: string;
  /** Price in cents (1–1,000,000). */
  priceCents: number;
  /** Position in the catalogue. */
  sortOrder?: number | null | undefined;
};

/** Where a data export stands. */
export type DataExportStatus =
  /** The archive could not be assembled; ask for a new one (an hour after this request). */
  | 'FAILED'
  /** Queued: the archive is being assembled (usually within a minute). */
  | 'PENDING'
  /** Assembled: `content` holds the archive until it expires. */
  | 'READY';

/** A one-off availability window on a single calendar date, in the reader's timezone. */
export type DateSlotInput = {
  /** The date (YYYY-MM-DD), in the reader's timezone. */
  date: string;
  /** HH:MM, after startTime. */
  endTime: string;
  /** HH:MM. */
  startTime: string;
};

/** Confirmation of an account deletion by the account's owner. */
export type DeleteAccountInput = {
  /** The current password (wrong ones count like failed logins). */
  password: string;
  /** With two-factor authentication on: a current 6-digit code or an unused recovery code. */
  twoFactorCode?: string | null | undefined;
};

/** A report on a post or a reply (give exactly one). */
export type FlagContentInput = {
  /** The post to flag. */
  postId?: string | number | null | undefined;
  /** Why, up to 1000 characters. */
  reason: string;
  /** The reply to flag. */
  replyId?: string | number | null | undefined;
};

/** How an admin resolves a flag. */
export type FlagResolution =
  /** The content stays. */
  | 'KEEP'
  /** The content is removed. */
  | 'REMOVE'
  /** The content is removed and its author suspended (signed out everywhere). */
  | 'SUSPEND_AUTHOR';

/** Where a content flag stands in review. */
export type FlagStatus =
  /** Reviewed: the content was removed and its author suspended. */
  | 'AUTHOR_SUSPENDED'
  /** Reviewed: the content stays. */
  | 'KEPT'
  /** Waiting for an admin. */
  | 'OPEN'
  /** Reviewed: the content was removed. */
  | 'REMOVED';

/** An admin action on a post. */
export type ForumPostModeration =
  /** Keep it readable but out of listings and closed to replies. */
  | 'ARCHIVE'
  /** Allow no new replies. */
  | 'LOCK'
  /** Show it first in its category. */
  | 'PIN'
  /** Remove it (soft delete). */
  | 'REMOVE'
  /** Publish it again. */
  | 'RESTORE'
  /** Allow replies again. */
  | 'UNLOCK'
  /** Stop pinning it. */
  | 'UNPIN';

/** How to order forum posts (pinned posts always come first). */
export type ForumPostOrder =
  /** Most recent activity (new reply) first. */
  | 'MOST_ACTIVE'
  /** Newest first. */
  | 'NEWEST';

/** A reader to invite. Readers join SoulSeer only by admin invitation. */
export type InviteReaderInput = {
  /** Name shown to clients, 2 to 60 characters (default: first name and last initial). */
  displayName?: string | null | undefined;
  /** The reader's email; must not belong to an existing account (a still-pending reader is re-invited). */
  email: string;
  /** Given name, 1 to 60 characters. */
  firstName: string;
  /** Family name, 1 to 60 characters. */
  lastName: string;
};

/** What a ledger account holds. */
export type LedgerAccountKind =
  /** Manual credits and debits. */
  | 'ADJUSTMENTS'
  /** A client's prepaid balance. */
  | 'CLIENT_WALLET'
  /** Money transferred to readers. */
  | 'PAYOUTS_CLEARING'
  /** The platform's share. */
  | 'PLATFORM_REVENUE'
  /** A reader's earnings not paid out. */
  | 'READER_EARNINGS'
  /** Refund losses the platform absorbed. */
  | 'REFUNDS'
  /** Money received by card (negative as it is credited to wallets). */
  | 'STRIPE_CLEARING';

/** Which streams to list. */
export type LiveStreamFilter =
  /** Live now, most watched first. */
  | 'LIVE'
  /** Coming up, soonest first. */
  | 'SCHEDULED';

/** An account's email and password; a wrong pair answers UNAUTHENTICATED (reason BAD_CREDENTIALS) without saying which part was wrong. */
export type LoginInput = {
  /** Email address. */
  email: string;
  /** The account's password, in clear text: send it over HTTPS only. */
  password: string;
  /** For an account with two-factor authentication: the 6-digit code of the authenticator app, or one unused recovery code. Without it such an account answers TWO_FACTOR_REQUIRED (only after a right password); a wrong code answers UNAUTHENTICATED (reason BAD_TWO_FACTOR_CODE). */
  totpCode?: string | null | undefined;
};

/** Which of the viewer's notifications to mark read: ids, or all. */
export type MarkNotificationsReadInput = {
  /** True: every unread notification of the viewer. */
  all?: boolean | null | undefined;
  /** Ids of the viewer's notifications (at most 500); ids of others are ignored. */
  ids?: Array<string | number> | null | undefined;
};

/** A way a notification reaches the user. */
export type NotificationChannel =
  /** An email to the account's address, with a one-click unsubscribe link. */
  | 'EMAIL'
  /** The inbox (notifications) and the notificationAdded subscription; always on. */
  | 'IN_APP'
  /** A Web Push message to every browser the user registered (registerWebPushSubscription). */
  | 'WEB_PUSH';

/** What a notification is about. */
export type NotificationKind =
  /** An automatic top-up went through or failed. */
  | 'AUTO_RELOAD_RESULT'
  /** A booking was cancelled (to the other party). */
  | 'BOOKING_CANCELLED'
  /** The reader confirmed a booking (to the client). */
  | 'BOOKING_CONFIRMED'
  /** A booked reading starts in 24 hours or in 15 minutes (to both). */
  | 'BOOKING_REMINDER'
  /** A client booked a reading with the reader (to the reader). */
  | 'BOOKING_REQUESTED'
  /** A favourite reader started a live stream. */
  | 'FAVORITE_READER_LIVE'
  /** A favourite reader with online alerts on came online (email and push batched per reader). */
  | 'FAVORITE_READER_ONLINE'
  /** A moderator resolved content the user flagged. */
  | 'FLAG_RESOLVED'
  /** The wallet fell under the low-balance mark during a session. */
  | 'LOW_BALANCE'
  /** A reader sent the client a paid reply. */
  | 'PAID_REPLY_RECEIVED'
  /** A payout of the reader's earnings failed. */
  | 'PAYOUT_FAILED'
  /** A payout of the reader's earnings was sent. */
  | 'PAYOUT_SENT'
  /** A client reviewed the reader. */
  | 'REVIEW_RECEIVED'
  /** The account's email changed (always sent on every channel). */
  | 'SECURITY_EMAIL_CHANGED'
  /** Someone signed in to the account (always sent on every channel). */
  | 'SECURITY_NEW_LOGIN'
  /** The account's password changed (always sent on every channel). */
  | 'SECURITY_PASSWORD_CHANGED'
  /** A session request expired unanswered (to the reader and the client). */
  | 'SESSION_REQUEST_MISSED'
  /** A top-up was credited (the receipt). */
  | 'TOP_UP_RECEIPT';

/** Turns one kind of notification on or off on one channel (email or web push). */
export type NotificationPreferenceChange = {
  /** EMAIL or WEB_PUSH (in-app is always on). */
  channel: NotificationChannel;
  /** True to receive it on that channel. */
  enabled: boolean;
  /** The kind to change. */
  kind: NotificationKind;
};

/** How an order is paid. */
export type OrderPaymentMethod =
  /** By card through a Stripe PaymentIntent; paid when Stripe confirms. */
  | 'CARD'
  /** From the wallet balance, at once. */
  | 'WALLET';

/** Where an order refund goes. */
export type OrderRefundTarget =
  /** Back to the card that paid (card orders only). */
  | 'CARD'
  /** To the buyer's wallet balance. */
  | 'WALLET';

/** Which orders to list. */
export type OrderScope =
  /** Every order (admins). */
  | 'ALL'
  /** Orders the viewer placed (the default). */
  | 'BUYER'
  /** Orders with the viewer's products (readers). */
  | 'SELLER';

/** Where an order is: PENDING → PAID → SHIPPED → DELIVERED, or CANCELLED / REFUNDED. */
export type OrderStatus =
  /** Cancelled before shipping; a paid one was refunded in full and its stock returned. */
  | 'CANCELLED'
  /** Received by the buyer (or, without physical items, fulfilled). */
  | 'DELIVERED'
  /** Paid; its stock was taken and the sellers credited. */
  | 'PAID'
  /** Placed, waiting for the card payment (wallet orders are paid at once). */
  | 'PENDING'
  /** Refunded in full after payment. */
  | 'REFUNDED'
  /** Handed to the carrier (carrier and trackingNumber are set). */
  | 'SHIPPED';

/** Where Stripe sends the reader back. */
export type PayoutAccountLinkInput = {
  /** When the link expired (https). */
  refreshUrl: string;
  /** After onboarding (https). */
  returnUrl: string;
};

/** Where a payout is. */
export type PayoutStatus =
  /** Transferred to the reader's Stripe account. */
  | 'COMPLETED'
  /** The transfer failed; the amount went back to the reader's earnings. */
  | 'FAILED'
  /** Recorded, not sent yet. */
  | 'PENDING'
  /** Sent to Stripe, outcome not recorded yet. */
  | 'PROCESSING';

/** A cart and how to pay for it. */
export type PlaceOrderInput = {
  /** Repeating a key returns the first order (8–200 characters). */
  idempotencyKey: string;
  /** 1 to 50 lines, each product once. */
  items: Array<PlaceOrderItemInput>;
  /** WALLET (paid at once) or CARD (a PaymentIntent; paid when Stripe confirms). */
  paymentMethod: OrderPaymentMethod;
  /** Required when the cart has physical items. */
  shippingAddress?: ShippingAddressInput | null | undefined;
};

/** One line of a cart. */
export type PlaceOrderItemInput = {
  /** The product (listed, not the buyer's own). */
  productId: string | number;
  /** Units, 1 to 100 (digital goods: 1). */
  quantity: number;
};

/** Where a forum post or reply stands. */
export type PostStatus =
  /** Readable, out of listings, closed to replies. */
  | 'ARCHIVED'
  /** Removed by its author or an admin (soft delete). */
  | 'DELETED'
  /** Not published. */
  | 'DRAFT'
  /** Visible and open (unless locked). */
  | 'PUBLISHED';

/** Catalogue filters, combined with AND. */
export type ProductFilter = {
  /** Only this category (case-insensitive). */
  category?: string | null | undefined;
  /** Only featured (true) or only not featured (false) products. */
  featured?: boolean | null | undefined;
  /** True: only products that can be bought now; false: only sold-out ones. */
  inStock?: boolean | null | undefined;
  /** Price at most this, in cents. */
  maxPriceCents?: number | null | undefined;
  /** Price at least this, in cents. */
  minPriceCents?: number | null | undefined;
  /** Only this reader's products (their shop). */
  readerId?: string | number | null | undefined;
  /** Words in the name or description (case-insensitive, at most 100 characters). */
  search?: string | null | undefined;
  /** True: only the platform's products; false: only readers' products. */
  soldByPlatform?: boolean | null | undefined;
  /** Only these statuses (drafts and inactive products appear only for their seller and admins). */
  status?: Array<ProductStatus> | null | undefined;
  /** Only this kind of product. */
  type?: ProductType | null | undefined;
};

/** Order of the catalogue. */
export type ProductSort =
  /** Featured products first, then newest. */
  | 'FEATURED'
  /** Newest first (the default). */
  | 'NEWEST'
  /** Cheapest first. */
  | 'PRICE_ASC'
  /** Most expensive first. */
  | 'PRICE_DESC';

/** Whether a product is on sale. */
export type ProductStatus =
  /** On sale to everyone. */
  | 'ACTIVE'
  /** Being prepared: only its seller and admins see it. */
  | 'DRAFT'
  /** Taken off sale by its seller: only its seller and admins see it. */
  | 'INACTIVE'
  /** Listed but sold out (stock 0); restocking lists it as ACTIVE again. */
  | 'OUT_OF_STOCK';

/** What kind of thing a product is. */
export type ProductType =
  /** A file: buying it gives signed, expiring download links. */
  | 'DIGITAL'
  /** A shipped good with stock; orders need a shipping address. */
  | 'PHYSICAL'
  /** A reading or service: buying it gives a booking credit to redeem with the seller. */
  | 'SERVICE';

/** Quiet hours in the viewer's time zone; both null clears them. */
export type QuietHoursInput = {
  /** Local end, HH:MM; earlier than start spans midnight (22:00–07:00). */
  end?: string | null | undefined;
  /** Local start, HH:MM (24-hour clock); null with end null clears. */
  start?: string | null | undefined;
};

/** Directory filters; all given filters must match. */
export type ReaderFilter = {
  /** Speaks this language. */
  language?: string | null | undefined;
  /** Lowest rate (or the rate for sessionType) at most this. */
  maxPriceCents?: number | null | undefined;
  /** Lowest rate (or the rate for sessionType) at least this. */
  minPriceCents?: number | null | undefined;
  /** Only readers who are ONLINE. */
  onlineNow?: boolean | null | undefined;
  /** Text (at most 100 characters) in the display name, first or last name, or headline; case-insensitive. */
  search?: string | null | undefined;
  /** Offers this session type. */
  sessionType?: SessionType | null | undefined;
  /** Has this specialty (case-insensitive, e.g. tarot). */
  specialty?: string | null | undefined;
  /** Only verified readers. */
  verifiedOnly?: boolean | null | undefined;
};

/** Where a reader invitation stands. */
export type ReaderInviteState =
  /** The reader accepted and activated the account. */
  | 'ACCEPTED'
  /** Not accepted in time (or voided by a suspension); invite again to resend. */
  | 'EXPIRED'
  /** Sent, not accepted, not expired: the reader may still accept. */
  | 'PENDING';

/** The per-minute price of one session type. */
export type ReaderRateInput = {
  /** Cents per minute, 100 ($1.00) to 100000 ($1,000.00). */
  ratePerMinuteCents: number;
  /** Chat, call or video. */
  sessionType: SessionType;
};

/** Directory order. */
export type ReaderSort =
  /** Most experienced first. */
  | 'EXPERIENCE'
  /** Newest readers first. */
  | 'NEWEST'
  /** Most expensive first. */
  | 'PRICE_HIGH'
  /** Cheapest first. */
  | 'PRICE_LOW'
  /** Highest rated first. */
  | 'RATING';

/** A reader's presence. INVISIBLE is shown to everyone else as OFFLINE. */
export type ReaderStatus =
  /** Online but away for a moment. */
  | 'AWAY'
  /** In a session or has a pending request (set by the platform). */
  | 'BUSY'
  /** Online but shown to others as OFFLINE. */
  | 'INVISIBLE'
  /** Not available. */
  | 'OFFLINE'
  /** Available for readings now. */
  | 'ONLINE';

/** A full or partial refund of an order. */
export type RefundOrderInput = {
  /** Cents to refund (default: everything not refunded yet). */
  amountCents?: number | null | undefined;
  /** Repeating a key returns the first refund (8–200 characters). */
  idempotencyKey: string;
  /** The order (paid, shipped or delivered). */
  orderId: string | number;
  /** Why (at most 500 characters; kept in the ledger and the audit log). */
  reason?: string | null | undefined;
  /** To the wallet, or to the card (card orders only). */
  to: OrderRefundTarget;
};

/** A refund of a reading session. */
export type RefundSessionInput = {
  /** Amount in cents (default: everything not refunded yet). Never more than was charged. */
  amountCents?: number | null | undefined;
  /** Repeating a key returns the first refund (8–200 characters). */
  idempotencyKey: string;
  /** Why (3–500 characters); kept in the ledger and the audit log. */
  reason: string;
  /** Id of the reading session whose charges are refunded to the client's wallet. */
  sessionId: string | number;
};

/** A refund of a client's unused wallet balance to the card(s) it came from. */
export type RefundWalletBalanceInput = {
  /** Amount in cents (default: the whole balance). At most the balance and what the client's card top-ups can still take back. */
  amountCents?: number | null | undefined;
  /** Repeating a key returns the first refund and retries its unfinished parts (8–200 characters). */
  idempotencyKey: string;
  /** Why (3–500 characters); kept in the ledger, the Stripe refunds' metadata and the audit log. */
  reason: string;
  /** User id of the client whose unused balance goes back to their card(s). */
  userId: string | number;
};

/** A new client account. */
export type RegisterInput = {
  /** Email address; unique, case-insensitive. */
  email: string;
  /** Given name. */
  firstName?: string | null | undefined;
  /** Family name. */
  lastName?: string | null | undefined;
  /** At least 10 characters, with a letter and a digit. */
  password: string;
};

/** A browser PushSubscription (its toJSON()) to receive web push notifications on. */
export type RegisterWebPushSubscriptionInput = {
  /** The push service URL of this browser (https; at most 2048 characters). */
  endpoint: string;
  /** The encryption keys the browser gave with the endpoint. */
  keys: WebPushKeysInput;
};

/** A payout of a reader's earnings. */
export type RequestPayoutInput = {
  /** Amount in cents (default: everything available). At least the payout threshold ($15 setting). */
  amountCents?: number | null | undefined;
  /** Repeating a key returns the first payout (8–200 characters). */
  idempotencyKey: string;
  /** The reader to pay. */
  readerId: string | number;
};

/** A request for a live reading. */
export type RequestSessionInput = {
  /** A booking credit of yours (bookingCredits) to pay the first minutes with: AVAILABLE, not expired, bought for this reader and this session type. Another buyer's credit answers NOT_FOUND; another reader or type BAD_USER_INPUT; a used, void or expired one CONFLICT (reason BOOKING_CREDIT_NOT_AVAILABLE or BOOKING_CREDIT_EXPIRED). */
  bookingCreditId?: string | number | null | undefined;
  /** The reader (user id). */
  readerId: string | number;
  /** Chat, call or video: the reader must offer it. */
  type: SessionType;
  /** Without bookingCreditId: true applies your available booking credit for this reader and type that expires first, if you have one (none: billed from the wallet as usual). */
  useBookingCredit?: boolean | null | undefined;
};

/** The token of a password-reset email and the new password. */
export type ResetPasswordInput = {
  /** At least 10 characters (at most 128), with a letter and a digit. */
  newPassword: string;
  /** The `token` parameter of the link in the password-reset email (single use, 30 minutes). */
  token: string;
};

/** A live stream a reader announces ahead: title, topic, visibility and planned start. */
export type ScheduleLiveStreamInput = {
  /** Topic category. */
  category: string;
  /** Description, up to 5,000 characters. */
  description?: string | null | undefined;
  /** Premium only: entry price, 100–100,000 cents. */
  entryPriceCents?: number | null | undefined;
  /** Private only: who may watch (up to 500). */
  invitedUserIds?: Array<string | number> | null | undefined;
  /** Planned start (not in the past, within a year). */
  scheduledAt: string;
  /** Title, 3–200 characters. */
  title: string;
  /** Public, premium (entry price) or private (invitees). */
  visibility: StreamVisibility;
};

/** A gift to a reader during a live stream or a session (give exactly one of streamId or sessionId). */
export type SendGiftInput = {
  /** Unique per gift (8–100 characters); repeating it charges nothing. */
  idempotencyKey: string;
  /** Optional message, up to 280 characters. */
  message?: string | null | undefined;
  /** The reader (user id) receiving it. */
  readerId: string | number;
  /** The session it is sent in. */
  sessionId?: string | number | null | undefined;
  /** The live stream it is sent in. */
  streamId?: string | number | null | undefined;
  /** The catalogue gift. */
  virtualGiftId: string | number;
};

/** A direct message. Readers may put a price on a reply to a client. */
export type SendMessageInput = {
  /** Text, up to 5000 characters, stored as written. */
  content: string;
  /** Readers only, replying to a client: the price to open this reply (100–50000 cents). */
  priceCents?: number | null | undefined;
  /** Who to write to (user id). */
  recipientId: string | number;
};

/** A chat message. */
export type SendSessionMessageInput = {
  /** Idempotency key: resending with the same key returns the first message. */
  clientKey?: string | null | undefined;
  /** The text, 1 to 2000 characters. */
  content: string;
  /** The session (in progress, both participants connected). */
  sessionId: string | number;
};

/** How the reading a bookable service buys takes place. */
export type ServiceSessionType =
  /** A voice call reading. */
  | 'CALL'
  /** A text chat reading. */
  | 'CHAT'
  /** A video call reading. */
  | 'VIDEO';

/** What happened to a session (sessionUpdated). */
export type SessionEventKind =
  /** The reader accepted (a request, or a confirmed booking at its start): both may now join the room. */
  | 'ACCEPTED'
  /** Reserved, not sent today: a request or booking the client withdraws arrives as ENDED with status CANCELLED. */
  | 'CANCELLED'
  /** The reader confirmed the booking; both get a reminder before the start. */
  | 'CONFIRMED'
  /** The reader turned down a booking; a declined live request arrives as ENDED with status DECLINED. */
  | 'DECLINED'
  /** The session is over for good (ended, declined, cancelled, expired, out of funds or disconnected): see status and endReason. */
  | 'ENDED'
  /** Reserved, not sent today: a request the reader left unanswered arrives as ENDED with status EXPIRED. */
  | 'EXPIRED'
  /** One participant (see the session's clientConnected and readerConnected) entered the room; billing not yet started. */
  | 'JOINED'
  /** One participant left the room before billing started; nothing was charged for it. */
  | 'LEFT'
  /** A new minute started and was paid: charged to the client's wallet at its start, or prepaid by a booking credit (the first prepaidMinutes); meter and low-balance warning are updated. */
  | 'MINUTE_CHARGED'
  /** A participant dropped during the reading: billing pauses and the 2-minute grace budget runs down. */
  | 'PAUSED'
  /** A confirmed booking starts in 15 minutes: sent to both participants. */
  | 'REMINDER'
  /** The client asked for a live reading; the reader has 60 seconds (setting) to accept or decline. */
  | 'REQUESTED'
  /** The participant who dropped is back within the grace budget: billing continues. */
  | 'RESUMED'
  /** The client booked a slot in the reader's availability; the reader still has to confirm it. */
  | 'SCHEDULED'
  /** Both participants are in the room: billing starts and minute 1 is charged at once. */
  | 'STARTED';

/** Where a reading session is in its life. */
export type SessionStatus =
  /** The reader accepted; waiting for both to join. */
  | 'ACCEPTED'
  /** Withdrawn before it started. */
  | 'CANCELLED'
  /** Ended after it ran (see endReason). */
  | 'COMPLETED'
  /** The reader said no. */
  | 'DECLINED'
  /** Ended because the disconnect grace budget (2 minutes in total per session, over all pauses) was spent. */
  | 'DISCONNECTED'
  /** The reader did not answer in time. */
  | 'EXPIRED'
  /** Both joined; billed per minute. */
  | 'IN_PROGRESS'
  /** Accepted, but both did not join in time. */
  | 'NO_SHOW'
  /** The client asked; the reader has not answered yet (expires after 60 s). */
  | 'REQUESTED'
  /** A booked reading in the future. */
  | 'SCHEDULED';

/** How a reading happens: text chat, voice call or video. */
export type SessionType =
  /** Voice call. */
  | 'CALL'
  /** Text chat. */
  | 'CHAT'
  /** Video call. */
  | 'VIDEO';

/** The complete new set of roles of one admin. */
export type SetAdminPermissionsInput = {
  /** Why, for the audit log (1 to 500 characters). */
  reason: string;
  /** Every role the admin will hold (an empty list: no admin permission at all). */
  roles: Array<AdminRole>;
  /** The admin to change. */
  userId: string | number;
};

/** Auto-reload settings. */
export type SetAutoReloadInput = {
  /** Amount of each reload, like a top-up (required to enable). */
  amountCents?: number | null | undefined;
  /** Turn auto-reload on or off. */
  enabled: boolean;
  /** Reload when the balance falls under this (required to enable). */
  thresholdCents?: number | null | undefined;
};

/** The reader's whole availability (replaces the previous one). */
export type SetAvailabilityInput = {
  /** One-off dates. */
  dates: Array<DateSlotInput>;
  /** IANA timezone, e.g. America/New_York. */
  timezone: string;
  /** Weekly recurring slots. */
  weekly: Array<WeeklySlotInput>;
};

/** A status change for one user. */
export type SetUserStatusInput = {
  /** Why, for the audit log (1 to 500 characters). */
  reason: string;
  /** The new status. */
  status: SettableUserStatus;
  /** The user to change (not yourself). */
  userId: string | number;
};

/** Statuses an admin may give a user (PENDING ends only when a reader accepts the invitation). */
export type SettableUserStatus =
  /** May sign in (reactivates a suspended or banned user). */
  | 'ACTIVE'
  /** Permanently blocked: cannot sign in or refresh; refresh tokens are revoked. */
  | 'BANNED'
  /** Temporarily blocked: cannot sign in or refresh; refresh tokens are revoked. */
  | 'SUSPENDED';

/** How a setting's value is written. */
export type SettingType =
  /** true or false (stored and shown as 1 or 0). */
  | 'BOOLEAN'
  /** A whole number, within min..max. */
  | 'INTEGER';

/** A shipping address (required when the order has physical items, refused otherwise). */
export type ShippingAddressInput = {
  /** City or town. */
  city: string;
  /** ISO 3166-1 alpha-2 country code in capitals, e.g. US. */
  country: string;
  /** Street and number. */
  line1: string;
  /** Apartment, suite, floor. */
  line2?: string | null | undefined;
  /** Recipient's name, 2–100 characters. */
  name: string;
  /** Phone number for the carrier. */
  phone?: string | null | undefined;
  /** Postal or ZIP code (letters, digits, spaces, -). */
  postalCode: string;
  /** State, province or region. */
  region?: string | null | undefined;
};

/** Where a live stream is in its life. */
export type StreamStatus =
  /** Ended before it went live. */
  | 'CANCELLED'
  /** Was live and has ended. */
  | 'ENDED'
  /** On air now. */
  | 'LIVE'
  /** Announced, not started. */
  | 'SCHEDULED';

/** Who may watch: everyone, payers of the entry price, or invitees. */
export type StreamVisibility =
  /** Viewers who paid the entry price (once). */
  | 'PREMIUM'
  /** Invited users only. */
  | 'PRIVATE'
  /** Any signed-in user. */
  | 'PUBLIC';

/** Where a card top-up is. */
export type TopUpStatus =
  /** The payment was canceled; nothing was credited. */
  | 'CANCELED'
  /** The payment failed; nothing was credited. */
  | 'FAILED'
  /** Waiting for the card payment. */
  | 'PENDING'
  /** Paid; the wallet was credited. */
  | 'SUCCEEDED';

/** Whether a ledger transaction's money has settled, is waiting for an outside step, or was undone. */
export type TransactionStatus =
  /** Cancelled before any money moved. */
  | 'CANCELLED'
  /** Settled: the balances already include it and nothing outside is pending. */
  | 'COMPLETED'
  /** The outside step failed; a reversing transaction restored the money. */
  | 'FAILED'
  /** Money has left the balance; the outside step (transfer) is not confirmed yet. */
  | 'PENDING'
  /** A charge later refunded in full. */
  | 'REFUNDED';

/** What moved the money. */
export type TransactionType =
  /** A card top-up credited to the wallet. */
  | 'ADD_FUNDS'
  /** A manual credit or debit by an admin. */
  | 'ADJUSTMENT'
  /** A virtual gift. */
  | 'GIFT_PURCHASE'
  /** Earnings paid out to the reader (or restored after a failed transfer). */
  | 'PAYOUT'
  /** A paid reply, stream entry or product. */
  | 'PURCHASE'
  /** A session refunded to the wallet, or wallet balance refunded to the card (and restored if that refund failed). */
  | 'REFUND'
  /** One minute of a reading. */
  | 'SESSION_CHARGE';

/** Changes to the signed-in client's profile. Omitted fields stay as they are; null clears a clearable field. */
export type UpdateClientProfileInput = {
  /** http(s) URL of the avatar image, at most 2048 characters; null clears it. */
  avatarUrl?: string | null | undefined;
  /** A few words about you, at most 2000 characters; null clears it. */
  bio?: string | null | undefined;
  /** Date of birth (YYYY-MM-DD); you must be at least 18. Null clears it. */
  birthDate?: string | null | undefined;
  /** Given name, 1 to 60 characters; null clears it. */
  firstName?: string | null | undefined;
  /** Family name, 1 to 60 characters; null clears it. */
  lastName?: string | null | undefined;
  /** A JSON object of preferences (notifications, display…), at most 4096 bytes. Replaces the stored object. */
  preferences?: unknown;
  /** Reading categories you prefer: at most 20, each 2 to 40 characters, stored lower-case. */
  preferredCategories?: Array<string> | null | undefined;
  /** Session types you prefer (duplicates removed). */
  preferredSessionTypes?: Array<SessionType> | null | undefined;
  /** Let gift leaderboards show your name (default false: anonymous). Cannot be null. */
  showNameInLeaderboards?: boolean | null | undefined;
  /** IANA timezone such as Europe/London or UTC. Cannot be null. */
  timezone?: string | null | undefined;
};

/** Changes to the viewer's own post. */
export type UpdateForumPostInput = {
  /** New body. */
  content?: string | null | undefined;
  /** Id of a post the viewer wrote; other posts answer FORBIDDEN. */
  postId: string | number;
  /** New title. */
  title?: string | null | undefined;
};

/** A new body for the viewer's own reply. */
export type UpdateForumReplyInput = {
  /** New body. */
  content: string;
  /** Id of a reply the viewer wrote; other replies answer FORBIDDEN. */
  replyId: string | number;
};

/** What to change; fields left out stay as they are. Applied all together or not at all. */
export type UpdateNotificationPreferencesInput = {
  /** Kind × channel switches to set. */
  changes?: Array<NotificationPreferenceChange> | null | undefined;
  /** New quiet hours (both ends, or both null to clear). */
  quietHours?: QuietHoursInput | null | undefined;
  /** IANA time zone name (Europe/Paris, America/New_York) for the quiet hours. */
  timezone?: string | null | undefined;
};

/** Changes to a product; omitted fields stay as they are. A price change makes a new Stripe Price. */
export type UpdateProductInput = {
  /** Shop category. */
  category?: string | null | undefined;
  /** Long description, at most 5000 characters. */
  description?: string | null | undefined;
  /** Highlight it in the shop. */
  featured?: boolean | null | undefined;
  /** Digital goods: replaces the file buyers download. */
  fileKey?: string | null | undefined;
  /** Replaces the pictures (up to 10 URLs). */
  images?: Array<string> | null | undefined;
  /** Display name, 2–120 characters. */
  name?: string | null | undefined;
  /** New price of one unit in cents (orders already placed keep theirs). */
  priceCents?: number | null | undefined;
  /** Stock-keeping unit (null clears it). */
  sku?: string | null | undefined;
  /** Put on sale (ACTIVE), take off sale (INACTIVE) or back to DRAFT. */
  status?: ProductStatus | null | undefined;
  /** Units in stock (physical goods); above 0 lists a sold-out product again. */
  stockQuantity?: number | null | undefined;
  /** Physical goods: shipping weight in grams. */
  weightGrams?: number | null | undefined;
};

/** Changes to the signed-in reader's profile. Omitted fields stay as they are. Every offered session type needs a rate, and a rate may be given only for an offered type; rates of types no longer offered are removed. */
export type UpdateReaderProfileInput = {
  /** http(s) URL of the avatar image, at most 2048 characters; null clears it. */
  avatarUrl?: string | null | undefined;
  /** About you, at most 5000 characters. */
  bio?: string | null | undefined;
  /** At most 20, each 2 to 100 characters. */
  certifications?: Array<string> | null | undefined;
  /** Name shown to clients, 2 to 60 characters. */
  displayName?: string | null | undefined;
  /** Given name, 1 to 60 characters. */
  firstName?: string | null | undefined;
  /** Short tagline, at most 120 characters; null clears it. */
  headline?: string | null | undefined;
  /** ISO 639-1 codes (en, es, fr…), at most 10. */
  languages?: Array<string> | null | undefined;
  /** Family name, 1 to 60 characters. */
  lastName?: string | null | undefined;
  /** Rates to set, one per session type; others keep their current rate. */
  rates?: Array<ReaderRateInput> | null | undefined;
  /** Session types you offer (replaces the current set). */
  sessionTypes?: Array<SessionType> | null | undefined;
  /** At most 15, each 2 to 40 characters; stored trimmed and lower-case, duplicates removed. */
  specialties?: Array<string> | null | undefined;
  /** IANA timezone you work in, e.g. America/New_York. */
  timezone?: string | null | undefined;
  /** Years of practice, 0 to 80. */
  yearsOfExperience?: number | null | undefined;
};

/** A new value for one setting. */
export type UpdateSystemSettingInput = {
  /** The setting, e.g. reader_share_bps (see systemSettings). */
  key: string;
  /** Why, for the history and the audit log (at most 500 characters). */
  reason?: string | null | undefined;
  /** The new value, as text: an integer for INTEGER, true/false (or 1/0) for BOOLEAN; within min..max. */
  value: string;
};

/** Changes to a catalogue gift (omitted fields stay as they are). */
export type UpdateVirtualGiftInput = {
  /** New animation URL (null clears it). */
  animationUrl?: string | null | undefined;
  /** New description (null clears it). */
  description?: string | null | undefined;
  /** Id of the catalogue gift to change. */
  id: string | number;
  /** New image URL. */
  imageUrl?: string | null | undefined;
  /** Offer it or not. */
  isActive?: boolean | null | undefined;
  /** New name. */
  name?: string | null | undefined;
  /** New price in cents (gifts already sent keep theirs). */
  priceCents?: number | null | undefined;
  /** New position. */
  sortOrder?: number | null | undefined;
};

/** What a user is on SoulSeer. */
export type UserRole =
  /** Runs the platform. */
  | 'ADMIN'
  /** Buys readings. */
  | 'CLIENT'
  /** Gives readings (created by admins). */
  | 'READER';

/** Whether a user may sign in. SUSPENDED and BANNED users cannot; PENDING readers have not accepted their invite. */
export type UserStatus =
  /** May sign in. */
  | 'ACTIVE'
  /** Blocked for good by an admin; cannot sign in or refresh tokens. */
  | 'BANNED'
  /** An invited reader who has not accepted the invitation yet. */
  | 'PENDING'
  /** Blocked for now by an admin; cannot sign in or refresh tokens. */
  | 'SUSPENDED';

/** Sets a reader's verification flag. */
export type VerifyReaderInput = {
  /** The reader's user id. */
  readerId: string | number;
  /** Why, for the audit log (at most 500 characters). */
  reason?: string | null | undefined;
  /** True to verify (default), false to withdraw verification. */
  verified?: boolean;
};

/** Where one Stripe refund of wallet balance is. */
export type WalletRefundPartStatus =
  /** Stripe refused it, or the refund failed or was canceled later; the amount went back to the wallet. */
  | 'FAILED'
  /** The wallet was debited; Stripe's answer is not recorded yet. */
  | 'PROCESSING'
  /** Stripe accepted the refund (its own status is in stripeStatus). */
  | 'SUCCEEDED';

/** Where a refund of wallet balance to the card is, from its parts. */
export type WalletRefundStatus =
  /** Every part failed; the whole amount went back to the wallet. */
  | 'FAILED'
  /** Some parts failed; their amount went back to the wallet. */
  | 'PARTIALLY_FAILED'
  /** At least one part's Stripe outcome is not known yet (retry with the same key). */
  | 'PROCESSING'
  /** Stripe accepted every part. */
  | 'SUCCEEDED';

/** The keys of a browser PushSubscription (its toJSON().keys). */
export type WebPushKeysInput = {
  /** The browser's authentication secret, base64url (16 bytes decoded). */
  auth: string;
  /** The browser's P-256 public key, base64url (65 bytes decoded). */
  p256dh: string;
};

/** A weekly recurring slot. */
export type WeeklySlotInput = {
  /** 0 (Sunday) to 6 (Saturday). */
  dayOfWeek: number;
  /** HH:MM, after startTime. */
  endTime: string;
  /** HH:MM. */
  startTime: string;
};

export type ChangePasswordMutationVariables = Exact<{
  input: ChangePasswordInput;
}>;


export type ChangePasswordMutation = { changePassword: { accessToken: string, refreshToken: string, user: { id: string } } };

export type UpdateClientProfileMutationVariables = Exact<{
  input: UpdateClientProfileInput;
}>;


export type UpdateClientProfileMutation = { updateClientProfile: { user: { id: string, displayName: string, avatarUrl: string | null }, clientProfile: { firstName: string | null, lastName: string | null, avatarUrl: string | null, bio: string | null, birthDate: string | null, timezone: string, preferences: unknown, preferredSessionTypes: Array<SessionType>, preferredCategories: Array<string>, showNameInLeaderboards: boolean } } };

export type MyProfileQueryVariables = Exact<{ [key: string]: never; }>;


export type MyProfileQuery = { me: { id: string, email: string | null, role: UserRole, status: UserStatus | null, lastLoginAt: string | null, displayName: string, avatarUrl: string | null, clientProfile: { firstName: string | null, lastName: string | null, avatarUrl: string | null, bio: string | null, birthDate: string | null, timezone: string, preferences: unknown, preferredSessionTypes: Array<SessionType>, preferredCategories: Array<string>, showNameInLeaderboards: boolean } | null, readerProfile: { id: string, displayName: string, isVerified: boolean, status: ReaderStatus } | null } | null };

export type UserPrivateFieldsQueryVariables = Exact<{
  id: string | number;
}>;


export type UserPrivateFieldsQuery = { user: { id: string, role: UserRole, displayName: string, email: string | null, status: UserStatus | null, lastLoginAt: string | null, clientProfile: { firstName: string | null, bio: string | null, birthDate: string | null, preferences: unknown } | null } | null };

export type UserPublicFieldsQueryVariables = Exact<{
  id: string | number;
}>;


export type UserPublicFieldsQuery = { user: { id: string, role: UserRole, displayName: string, avatarUrl: string | null, createdAt: string } | null };

export type InviteReaderMutationVariables = Exact<{
  input: InviteReaderInput;
}>;


export type InviteReaderMutation = { inviteReader: { inviteToken: string, expiresAt: string, user: { id: string, email: string | null, role: UserRole, status: UserStatus | null, readerProfile: { id: string, displayName: string, firstName: string, lastName: string } | null } } };

export type AcceptReaderInviteMutationVariables = Exact<{
  input: AcceptReaderInviteInput;
}>;


export type AcceptReaderInviteMutation = { acceptReaderInvite: { accessToken: string, refreshToken: string, user: { id: string, email: string | null, role: UserRole, status: UserStatus | null } } };

export type VerifyReaderMutationVariables = Exact<{
  input: VerifyReaderInput;
}>;


export type VerifyReaderMutation = { verifyReader: { reader: { id: string, isVerified: boolean } } };

export type SetUserStatusMutationVariables = Exact<{
  input: SetUserStatusInput;
}>;


export type SetUserStatusMutation = { setUserStatus: { revokedRefreshTokens: number, user: { id: string, status: UserStatus | null } } };

export type AuditLogsQueryVariables = Exact<{
  filter?: AuditLogFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type AuditLogsQuery = { auditLogs: { totalCount: number, edges: Array<{ cursor: string, node: { id: string, action: string, entityType: string, entityId: string, changes: unknown, createdAt: string, actor: { id: string } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type UpdateReaderProfileMutationVariables = Exact<{
  input: UpdateReaderProfileInput;
}>;


export type UpdateReaderProfileMutation = { updateReaderProfile: { reader: { id: string, firstName: string, lastName: string, displayName: string, headline: string | null, bio: string, avatarUrl: string | null, specialties: Array<string>, yearsOfExperience: number, certifications: Array<string>, languages: Array<string>, timezone: string, sessionTypes: Array<SessionType>, lowestRateCents: number | null, isVerified: boolean, chatRate: number | null, rates: Array<{ sessionType: SessionType, ratePerMinuteCents: number }> } } };

export type SetReaderStatusMutationVariables = Exact<{
  status: ReaderStatus;
}>;


export type SetReaderStatusMutation = { setReaderStatus: { id: string, status: ReaderStatus } };

export type ReaderDirectoryQueryVariables = Exact<{
  filter?: ReaderFilter | null | undefined;
  sort?: ReaderSort | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ReaderDirectoryQuery = { readers: { totalCount: number, edges: Array<{ cursor: string, node: { id: string, displayName: string, status: ReaderStatus, yearsOfExperience: number, lowestRateCents: number | null, averageRating: number, languages: Array<string>, specialties: Array<string>, sessionTypes: Array<SessionType> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ReaderStatusViewQueryVariables = Exact<{
  id: string | number;
}>;


export type ReaderStatusViewQuery = { reader: { id: string, status: ReaderStatus } | null };

export type SetAdminPermissionsMutationVariables = Exact<{
  input: SetAdminPermissionsInput;
}>;


export type SetAdminPermissionsMutation = { setAdminPermissions: { roles: Array<AdminRole>, user: { id: string, adminRoles: Array<AdminRole> | null, adminPermissions: Array<AdminPermission> | null } } };

export type AdminUserRolesQueryVariables = Exact<{
  id: string | number;
}>;


export type AdminUserRolesQuery = { user: { id: string, adminRoles: Array<AdminRole> | null, adminPermissions: Array<AdminPermission> | null } | null };

export type SystemSettingsQueryVariables = Exact<{ [key: string]: never; }>;


export type SystemSettingsQuery = { systemSettings: Array<{ key: string, type: SettingType, description: string, min: number, max: number, defaultValue: number, value: number, isDefault: boolean, updatedAt: string | null }> };

export type UpdateSystemSettingMutationVariables = Exact<{
  input: UpdateSystemSettingInput;
}>;


export type UpdateSystemSettingMutation = { updateSystemSetting: { setting: { key: string, value: number, isDefault: boolean }, change: { id: string, key: string, oldValue: string, newValue: string, reason: string | null, actor: { id: string } | null } | null } };

export type SystemSettingHistoryQueryVariables = Exact<{
  key?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type SystemSettingHistoryQuery = { systemSettingHistory: { totalCount: number, edges: Array<{ node: { key: string, oldValue: string, newValue: string, reason: string | null, createdAt: string, actor: { id: string, email: string | null } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type AdminUsersQueryVariables = Exact<{
  filter?: AdminUserFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type AdminUsersQuery = { adminUsers: { totalCount: number, edges: Array<{ node: { id: string, email: string | null, role: UserRole, status: UserStatus | null, createdAt: string } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type AdminUserQueryVariables = Exact<{
  id: string | number;
  limit?: number | null | undefined;
}>;


export type AdminUserQuery = { adminUser: { userId: string, user: { id: string, email: string | null, status: UserStatus | null, role: UserRole, displayName: string }, wallet: { balanceCents: number } | null, recentTransactions: Array<{ id: string, type: TransactionType, amountCents: number }>, recentSessions: Array<{ id: string, status: SessionStatus }>, flags: Array<{ id: string, reason: string, status: FlagStatus }>, auditTrail: Array<{ action: string, entityId: string }> } | null };

export type ReaderInvitesQueryVariables = Exact<{
  state?: ReaderInviteState | null | undefined;
  first?: number | null | undefined;
}>;


export type ReaderInvitesQuery = { readerInvites: { totalCount: number, edges: Array<{ node: { id: string, email: string, state: ReaderInviteState, user: { id: string }, invitedBy: { id: string } } }> } };

export type ReaderVerificationQueueQueryVariables = Exact<{
  first?: number | null | undefined;
}>;


export type ReaderVerificationQueueQuery = { readerVerificationQueue: { totalCount: number, edges: Array<{ node: { id: string, isVerified: boolean } }> } };

export type AdminAnalyticsQueryVariables = Exact<{
  from: string;
  to: string;
  limit?: number | null | undefined;
}>;


export type AdminAnalyticsQuery = { adminAnalytics: { id: string, from: string, to: string, activeSessionsNow: number, liveStreamsNow: number, revenueByDay: Array<{ day: string, minutesCents: number, giftsCents: number, paidRepliesCents: number, streamEntryCents: number, shopCents: number, refundsCents: number, totalCents: number, platformCents: number }>, payoutsDue: { readers: number, dueCents: number, unpaidCents: number, thresholdCents: number }, topReaders: Array<{ readerId: string, grossCents: number, earningsCents: number }>, newClients: { count: number, purchased: number, conversionRate: number }, minutesPerReader: Array<{ readerId: string, minutes: number, sessions: number }> } };

export type RegisterMutationVariables = Exact<{
  input: RegisterInput;
}>;


export type RegisterMutation = { register: { accessToken: string, refreshToken: string, accessTokenExpiresAt: string, user: { id: string, email: string | null, role: UserRole } } };

export type LoginMutationVariables = Exact<{
  input: LoginInput;
}>;


export type LoginMutation = { login: { accessToken: string, refreshToken: string, user: { id: string, role: UserRole } } };

export type RefreshTokenMutationVariables = Exact<{
  refreshToken: string;
}>;


export type RefreshTokenMutation = { refreshToken: { accessToken: string, refreshToken: string } };

export type LogoutMutationVariables = Exact<{
  refreshToken?: string | null | undefined;
  allDevices?: boolean | null | undefined;
}>;


export type LogoutMutation = { logout: boolean };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { id: string, email: string | null, role: UserRole, status: UserStatus | null, displayName: string, clientProfile: { firstName: string | null, lastName: string | null, timezone: string } | null } | null };

export type CommunityForumCategoriesQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type CommunityForumCategoriesQuery = { forumCategories: { edges: Array<{ cursor: string, node: { id: string, slug: string, name: string, adminOnly: boolean, sortOrder: number } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type CommunityForumPostsQueryVariables = Exact<{
  categoryId?: string | number | null | undefined;
  categorySlug?: string | null | undefined;
  order?: ForumPostOrder | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type CommunityForumPostsQuery = { forumPosts: { edges: Array<{ cursor: string, node: { id: string, title: string, isPinned: boolean, replyCount: number, lastActivityAt: string, createdAt: string } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type CommunityForumPostQueryVariables = Exact<{
  id: string | number;
  repliesFirst?: number | null | undefined;
}>;


export type CommunityForumPostQuery = { forumPost: { id: string, title: string, content: string, status: PostStatus, isPinned: boolean, isLocked: boolean, viewCount: number, replyCount: number, author: { id: string }, category: { id: string, slug: string }, replies: { edges: Array<{ node: { id: string, content: string, author: { id: string } } }> } } | null };

export type CommunityCreateForumPostMutationVariables = Exact<{
  input: CreateForumPostInput;
}>;


export type CommunityCreateForumPostMutation = { createForumPost: { id: string, title: string, content: string, status: PostStatus, author: { id: string } } };

export type CommunityUpdateForumPostMutationVariables = Exact<{
  input: UpdateForumPostInput;
}>;


export type CommunityUpdateForumPostMutation = { updateForumPost: { id: string, title: string, content: string } };

export type CommunityDeleteForumPostMutationVariables = Exact<{
  postId: string | number;
}>;


export type CommunityDeleteForumPostMutation = { deleteForumPost: { id: string, status: PostStatus } };

export type CommunityCreateForumReplyMutationVariables = Exact<{
  input: CreateForumReplyInput;
}>;


export type CommunityCreateForumReplyMutation = { createForumReply: { id: string, postId: string, content: string } };

export type CommunityUpdateForumReplyMutationVariables = Exact<{
  input: UpdateForumReplyInput;
}>;


export type CommunityUpdateForumReplyMutation = { updateForumReply: { id: string, content: string } };

export type CommunityDeleteForumReplyMutationVariables = Exact<{
  replyId: string | number;
}>;


export type CommunityDeleteForumReplyMutation = { deleteForumReply: { id: string, status: PostStatus } };

export type CommunityModerateForumPostMutationVariables = Exact<{
  postId: string | number;
  action: ForumPostModeration;
  reason?: string | null | undefined;
}>;


export type CommunityModerateForumPostMutation = { moderateForumPost: { id: string, status: PostStatus, isPinned: boolean, isLocked: boolean } };

export type CommunityFlagContentMutationVariables = Exact<{
  input: FlagContentInput;
}>;


export type CommunityFlagContentMutation = { flagContent: { id: string, status: FlagStatus, reason: string } };

export type CommunityModerationQueueQueryVariables = Exact<{
  status?: FlagStatus | null | undefined;
  first?: number | null | undefined;
}>;


export type CommunityModerationQueueQuery = { moderationQueue: { edges: Array<{ node: { id: string, reason: string, status: FlagStatus, reporter: { id: string }, post: { id: string, title: string } | null, reply: { id: string, content: string } | null } }> } };

export type CommunityResolveFlagMutationVariables = Exact<{
  flagId: string | number;
  resolution: FlagResolution;
  note?: string | null | undefined;
}>;


export type CommunityResolveFlagMutation = { resolveFlag: { id: string, status: FlagStatus, resolvedAt: string | null, resolvedBy: { id: string } | null } };

export type CommunityConversationsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type CommunityConversationsQuery = { conversations: { edges: Array<{ node: { id: string, unreadCount: number, lastMessageAt: string, otherParticipant: { id: string }, lastMessage: { id: string, content: string | null, isLocked: boolean } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type CommunityConversationMessagesQueryVariables = Exact<{
  id: string | number;
  first?: number | null | undefined;
}>;


export type CommunityConversationMessagesQuery = { conversation: { id: string, messages: { edges: Array<{ node: { id: string, content: string | null, isPaid: boolean, isLocked: boolean, priceCents: number | null, isRead: boolean, readAt: string | null, unlockedAt: string | null, sender: { id: string } } }> } } };

export type CommunitySendMessageMutationVariables = Exact<{
  input: SendMessageInput;
}>;


export type CommunitySendMessageMutation = { sendMessage: { id: string, conversationId: string, content: string | null, isPaid: boolean, priceCents: number | null, isLocked: boolean, isRead: boolean } };

export type CommunityMarkConversationReadMutationVariables = Exact<{
  conversationId: string | number;
}>;


export type CommunityMarkConversationReadMutation = { markConversationRead: { id: string, unreadCount: number } };

export type CommunityUnlockPaidReplyMutationVariables = Exact<{
  messageId: string | number;
}>;


export type CommunityUnlockPaidReplyMutation = { unlockPaidReply: { id: string, content: string | null, isLocked: boolean, unlockedAt: string | null } };

export type CommunityBlockUserMutationVariables = Exact<{
  userId: string | number;
}>;


export type CommunityBlockUserMutation = { blockUser: boolean };

export type CommunityUnblockUserMutationVariables = Exact<{
  userId: string | number;
}>;


export type CommunityUnblockUserMutation = { unblockUser: boolean };

export type CommunityMessageReceivedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type CommunityMessageReceivedSubscription = { messageReceived: { id: string, content: string | null, isPaid: boolean, isLocked: boolean, priceCents: number | null, sender: { id: string } } };

export type CommunityConversationUpdatedSubscriptionVariables = Exact<{
  conversationId?: string | number | null | undefined;
}>;


export type CommunityConversationUpdatedSubscription = { conversationUpdated: { kind: ConversationUpdateKind, readAt: string | null, readBy: { id: string } | null, conversation: { id: string, unreadCount: number, lastMessage: { id: string, content: string | null } | null } } };

export type CommunityScheduleLiveStreamMutationVariables = Exact<{
  input: ScheduleLiveStreamInput;
}>;


export type CommunityScheduleLiveStreamMutation = { scheduleLiveStream: { id: string, roomName: string, status: StreamStatus, visibility: StreamVisibility, entryPriceCents: number | null, invitedUsers: { edges: Array<{ node: { id: string } }> } | null } };

export type CommunityStreamInviteesQueryVariables = Exact<{
  id: string | number;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type CommunityStreamInviteesQuery = { liveStream: { id: string, invitedUsers: { edges: Array<{ cursor: string, node: { id: string } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } | null } | null };

export type CommunityStartLiveStreamMutationVariables = Exact<{
  streamId: string | number;
}>;


export type CommunityStartLiveStreamMutation = { startLiveStream: { id: string, status: StreamStatus, startedAt: string | null } };

export type CommunityEndLiveStreamMutationVariables = Exact<{
  streamId: string | number;
  recordingUrl?: string | null | undefined;
}>;


export type CommunityEndLiveStreamMutation = { endLiveStream: { id: string, status: StreamStatus, endedAt: string | null, viewerCount: number, maxViewers: number, recordingUrl: string | null } };

export type CommunityLiveStreamsQueryVariables = Exact<{
  filter?: LiveStreamFilter | null | undefined;
  readerId?: string | number | null | undefined;
  first?: number | null | undefined;
}>;


export type CommunityLiveStreamsQuery = { liveStreams: { edges: Array<{ node: { id: string, title: string, status: StreamStatus, visibility: StreamVisibility, viewerCount: number, viewerHasAccess: boolean, reader: { id: string } } }> } };

export type CommunityLiveStreamQueryVariables = Exact<{
  id: string | number;
}>;


export type CommunityLiveStreamQuery = { liveStream: { id: string, status: StreamStatus, viewerCount: number, maxViewers: number, viewerHasAccess: boolean, recordingUrl: string | null } | null };

export type CommunityLiveStreamTokenMutationVariables = Exact<{
  streamId: string | number;
}>;


export type CommunityLiveStreamTokenMutation = { liveStreamToken: { token: string, url: string | null, roomName: string, identity: string, canPublish: boolean, expiresAt: string, paidCents: number } };

export type CommunityJoinLiveStreamMutationVariables = Exact<{
  streamId: string | number;
}>;


export type CommunityJoinLiveStreamMutation = { joinLiveStream: { id: string, viewerCount: number, maxViewers: number } };

export type CommunityLeaveLiveStreamMutationVariables = Exact<{
  streamId: string | number;
}>;


export type CommunityLeaveLiveStreamMutation = { leaveLiveStream: { id: string, viewerCount: number, maxViewers: number } };

export type CommunitySendStreamMessageMutationVariables = Exact<{
  streamId: string | number;
  message: string;
}>;


export type CommunitySendStreamMessageMutation = { sendStreamMessage: { id: string, message: string, sender: { id: string } } };

export type CommunityStreamUpdatedSubscriptionVariables = Exact<{
  streamId: string | number;
}>;


export type CommunityStreamUpdatedSubscription = { streamUpdated: { id: string, status: StreamStatus, viewerCount: number } };

export type CommunityStreamEventsSubscriptionVariables = Exact<{
  streamId: string | number;
}>;


export type CommunityStreamEventsSubscription = { streamEvents:
    | { __typename: 'StreamChatEvent', id: string, text: string, sender: { id: string, displayName: string } }
    | { __typename: 'StreamGiftEvent', id: string, message: string | null, createdAt: string, sender: { id: string, displayName: string }, gift: { id: string, name: string, priceCents: number } }
   };

export type CommunityLiveStreamsChangedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type CommunityLiveStreamsChangedSubscription = { liveStreamsChanged: { id: string, status: StreamStatus, visibility: StreamVisibility } };

export type CommunityVirtualGiftsQueryVariables = Exact<{
  includeInactive?: boolean | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type CommunityVirtualGiftsQuery = { virtualGifts: { edges: Array<{ cursor: string, node: { id: string, name: string, priceCents: number, imageUrl: string, isActive: boolean } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type CommunityCreateVirtualGiftMutationVariables = Exact<{
  input: CreateVirtualGiftInput;
}>;


export type CommunityCreateVirtualGiftMutation = { createVirtualGift: { id: string, name: string, priceCents: number, isActive: boolean } };

export type CommunityUpdateVirtualGiftMutationVariables = Exact<{
  input: UpdateVirtualGiftInput;
}>;


export type CommunityUpdateVirtualGiftMutation = { updateVirtualGift: { id: string, name: string, priceCents: number, isActive: boolean } };

export type CommunityDeactivateVirtualGiftMutationVariables = Exact<{
  id: string | number;
}>;


export type CommunityDeactivateVirtualGiftMutation = { deactivateVirtualGift: { id: string, isActive: boolean } };

export type CommunitySendGiftMutationVariables = Exact<{
  input: SendGiftInput;
}>;


export type CommunitySendGiftMutation = { sendGift: { replayed: boolean, gift: { id: string, priceCents: number, message: string | null, streamId: string | null, sessionId: string | null, sender: { id: string }, reader: { id: string }, virtualGift: { id: string, name: string } } } };

export type CommunityGiftLeaderboardQueryVariables = Exact<{
  streamId?: string | number | null | undefined;
  readerId?: string | number | null | undefined;
  first?: number | null | undefined;
}>;


export type CommunityGiftLeaderboardQuery = { giftLeaderboard: Array<{ id: string, rank: number, totalCents: number, giftCount: number, displayName: string, sender: { id: string, displayName: string } | null }> };

export type CommunityReaderGiftTotalsQueryVariables = Exact<{
  id: string | number;
}>;


export type CommunityReaderGiftTotalsQuery = { reader: { id: string, giftTotals: { giftCount: number, totalCents: number, streamCents: number, sessionCents: number } | null } | null };

export type UserEmailQueryVariables = Exact<{
  id: string | number;
}>;


export type UserEmailQuery = { user: { id: string, displayName: string, email: string | null } | null };

export type ReaderNamesQueryVariables = Exact<{
  first?: number | null | undefined;
}>;


export type ReaderNamesQuery = { readers: { edges: Array<{ node: { id: string, displayName: string, headline: string | null } }> } };

export type NotificationFieldsFragment = { id: string, kind: NotificationKind, title: string, body: string, data: unknown, read: boolean, readAt: string | null, createdAt: string };

export type NotificationsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  unreadOnly?: boolean | null | undefined;
}>;


export type NotificationsQuery = { notifications: { unreadCount: number, edges: Array<{ cursor: string, node: { id: string, kind: NotificationKind, title: string, body: string, data: unknown, read: boolean, readAt: string | null, createdAt: string } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type MarkNotificationsReadMutationVariables = Exact<{
  input: MarkNotificationsReadInput;
}>;


export type MarkNotificationsReadMutation = { markNotificationsRead: { updated: number, unreadCount: number } };

export type NotificationAddedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type NotificationAddedSubscription = { notificationAdded: { id: string, kind: NotificationKind, title: string, body: string, data: unknown, read: boolean, readAt: string | null, createdAt: string } };

export type NotificationPreferencesQueryVariables = Exact<{ [key: string]: never; }>;


export type NotificationPreferencesQuery = { notificationPreferences: { timezone: string, entries: Array<{ kind: NotificationKind, channel: NotificationChannel, enabled: boolean, editable: boolean }>, quietHours: { start: string, end: string } | null } };

export type UpdateNotificationPreferencesMutationVariables = Exact<{
  input: UpdateNotificationPreferencesInput;
}>;


export type UpdateNotificationPreferencesMutation = { updateNotificationPreferences: { timezone: string, entries: Array<{ kind: NotificationKind, channel: NotificationChannel, enabled: boolean, editable: boolean }>, quietHours: { start: string, end: string } | null } };

export type UnsubscribeNotificationsMutationVariables = Exact<{
  token: string;
}>;


export type UnsubscribeNotificationsMutation = { unsubscribeNotifications: NotificationKind };

export type VapidPublicKeyQueryVariables = Exact<{ [key: string]: never; }>;


export type VapidPublicKeyQuery = { vapidPublicKey: string | null };

export type RegisterWebPushSubscriptionMutationVariables = Exact<{
  input: RegisterWebPushSubscriptionInput;
}>;


export type RegisterWebPushSubscriptionMutation = { registerWebPushSubscription: boolean };

export type UnregisterWebPushSubscriptionMutationVariables = Exact<{
  endpoint: string;
}>;


export type UnregisterWebPushSubscriptionMutation = { unregisterWebPushSubscription: boolean };

export type WalletQueryVariables = Exact<{
  userId?: string | number | null | undefined;
}>;


export type WalletQuery = { wallet: { id: string, userId: string, balanceCents: number, currency: string, hasSavedCard: boolean, autoReload: { enabled: boolean, thresholdCents: number | null, amountCents: number | null, armed: boolean } } };

export type TopUpOptionsQueryVariables = Exact<{ [key: string]: never; }>;


export type TopUpOptionsQuery = { topUpOptions: { minimumCents: number, maximumCents: number, presetsCents: Array<number>, cardPaymentsEnabled: boolean } };

export type TransactionsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  types?: Array<TransactionType> | TransactionType | null | undefined;
  from?: string | null | undefined;
  to?: string | null | undefined;
  userId?: string | number | null | undefined;
  allUsers?: boolean | null | undefined;
}>;


export type TransactionsQuery = { transactions: { edges: Array<{ cursor: string, node: { id: string, type: TransactionType, status: TransactionStatus, amountCents: number, readerShareCents: number | null, platformShareCents: number | null, sessionId: string | null, sessionMinute: number | null, reason: string | null, description: string | null, createdAt: string } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type CreateTopUpMutationVariables = Exact<{
  input: CreateTopUpInput;
}>;


export type CreateTopUpMutation = { createTopUp: { clientSecret: string, topUp: { id: string, amountCents: number, status: TopUpStatus, paymentIntentId: string } } };

export type TopUpsQueryVariables = Exact<{ [key: string]: never; }>;


export type TopUpsQuery = { topUps: { edges: Array<{ node: { id: string, amountCents: number, status: TopUpStatus, isAutoReload: boolean, failureReason: string | null } }> } };

export type SetAutoReloadMutationVariables = Exact<{
  input: SetAutoReloadInput;
}>;


export type SetAutoReloadMutation = { setAutoReload: { balanceCents: number, hasSavedCard: boolean, autoReload: { enabled: boolean, thresholdCents: number | null, amountCents: number | null, armed: boolean } } };

export type AdjustBalanceMutationVariables = Exact<{
  input: AdjustBalanceInput;
}>;


export type AdjustBalanceMutation = { adjustBalance: { balanceCents: number, replayed: boolean, transaction: { id: string, type: TransactionType, amountCents: number, reason: string | null } } };

export type ReaderEarningsQueryVariables = Exact<{
  readerId?: string | number | null | undefined;
}>;


export type ReaderEarningsQuery = { readerEarnings: { readerId: string, todayCents: number, weekCents: number, monthCents: number, lifetimeCents: number, availableCents: number, pendingPayoutCents: number, paidOutCents: number, giftsCents: number, giftsCount: number } };

export type CreatePayoutAccountLinkMutationVariables = Exact<{
  input: PayoutAccountLinkInput;
}>;


export type CreatePayoutAccountLinkMutation = { createPayoutAccountLink: { url: string, expiresAt: string, stripeAccountId: string } };

export type RequestPayoutMutationVariables = Exact<{
  input: RequestPayoutInput;
}>;


export type RequestPayoutMutation = { requestPayout: { id: string, readerId: string, amountCents: number, status: PayoutStatus, stripeTransferId: string | null, failureReason: string | null } };

export type PayoutsQueryVariables = Exact<{
  readerId?: string | number | null | undefined;
}>;


export type PayoutsQuery = { payouts: { edges: Array<{ node: { id: string, readerId: string, amountCents: number, status: PayoutStatus, failureReason: string | null } }> } };

export type RefundSessionMutationVariables = Exact<{
  input: RefundSessionInput;
}>;


export type RefundSessionMutation = { refundSession: { id: string, type: TransactionType, amountCents: number, readerShareCents: number | null, platformShareCents: number | null, reason: string | null } };

export type ReconciliationReportQueryVariables = Exact<{ [key: string]: never; }>;


export type ReconciliationReportQuery = { reconciliationReport: { ok: boolean, checks: Array<{ check: string, differences: number, sample: Array<string> }>, totals: { walletsCents: number, earningsCents: number, platformRevenueCents: number, stripeClearingCents: number, payoutsClearingCents: number, refundsCents: number, adjustmentsCents: number } } };

export type WalletUpdatedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type WalletUpdatedSubscription = { walletUpdated: { balanceCents: number, cause: TransactionType | null, lowBalance: boolean, transaction: { id: string, type: TransactionType } | null } };

export type LedgerAccountsQueryVariables = Exact<{
  kind?: LedgerAccountKind | null | undefined;
  first?: number | null | undefined;
}>;


export type LedgerAccountsQuery = { ledgerAccounts: { edges: Array<{ node: { id: string, kind: LedgerAccountKind, userId: string | null, balanceCents: number, allowNegative: boolean } }> } };

export type RefundWalletBalanceMutationVariables = Exact<{
  input: RefundWalletBalanceInput;
}>;


export type RefundWalletBalanceMutation = { refundWalletBalance: { balanceCents: number, replayed: boolean, walletRefund: { id: string, userId: string, amountCents: number, status: WalletRefundStatus, reason: string, requestedById: string | null, parts: Array<{ id: string, topUpId: string, paymentIntentId: string, amountCents: number, status: WalletRefundPartStatus, stripeRefundId: string | null, stripeStatus: string | null, failureReason: string | null, transaction: { id: string, type: TransactionType, status: TransactionStatus, amountCents: number, reason: string | null }, restoreTransaction: { id: string, type: TransactionType, status: TransactionStatus, amountCents: number } | null }> } } };

export type WalletRefundsQueryVariables = Exact<{
  userId?: string | number | null | undefined;
}>;


export type WalletRefundsQuery = { walletRefunds: { edges: Array<{ node: { id: string, userId: string, amountCents: number, status: WalletRefundStatus, parts: Array<{ id: string, paymentIntentId: string, amountCents: number, status: WalletRefundPartStatus }> } }> } };

export type OrderCardRefundsQueryVariables = Exact<{
  orderId?: string | number | null | undefined;
  status?: CardRefundStatus | null | undefined;
}>;


export type OrderCardRefundsQuery = { orderCardRefunds: { edges: Array<{ node: { id: string, orderId: string, paymentIntentId: string, amountCents: number, status: CardRefundStatus, attempts: number, stripeRefundId: string | null, stripeStatus: string | null, failureReason: string | null, transaction: { id: string, amountCents: number } | null, walletCreditTransaction: { id: string, amountCents: number, type: TransactionType } | null } }> } };

export type DataExportsQueryVariables = Exact<{ [key: string]: never; }>;


export type DataExportsQuery = { dataExports: Array<{ id: string, status: DataExportStatus, createdAt: string, readyAt: string | null, expiresAt: string, content: unknown }> };

export type RequestDataExportMutationVariables = Exact<{ [key: string]: never; }>;


export type RequestDataExportMutation = { requestDataExport: { id: string, status: DataExportStatus, createdAt: string, expiresAt: string } };

export type DeleteAccountMutationVariables = Exact<{
  input: DeleteAccountInput;
}>;


export type DeleteAccountMutation = { deleteAccount: boolean };

export type ReadersQueryVariables = Exact<{
  filter?: ReaderFilter | null | undefined;
  sort?: ReaderSort | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ReadersQuery = { readers: { edges: Array<{ cursor: string, node: { id: string, displayName: string, headline: string | null, status: ReaderStatus, specialties: Array<string>, lowestRateCents: number | null, averageRating: number, rates: Array<{ sessionType: SessionType, ratePerMinuteCents: number }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ReaderPageQueryVariables = Exact<{
  id: string | number;
}>;


export type ReaderPageQuery = { reader: { id: string, displayName: string, user: { id: string, displayName: string, email: string | null } } | null };

export type SessionFieldsFragment = { id: string, roomName: string, type: SessionType, status: SessionStatus, ratePerMinuteCents: number, requestedAt: string, acceptedAt: string | null, startedAt: string | null, endedAt: string | null, endReason: string | null, clientConnected: boolean, readerConnected: boolean, durationSeconds: number | null, billedMinutes: number, totalCostCents: number, prepaidMinutes: number, bookingCreditId: string | null, client: { id: string }, reader: { id: string, displayName: string } };

export type RequestSessionMutationVariables = Exact<{
  input: RequestSessionInput;
}>;


export type RequestSessionMutation = { requestSession: { id: string, roomName: string, type: SessionType, status: SessionStatus, ratePerMinuteCents: number, requestedAt: string, acceptedAt: string | null, startedAt: string | null, endedAt: string | null, endReason: string | null, clientConnected: boolean, readerConnected: boolean, durationSeconds: number | null, billedMinutes: number, totalCostCents: number, prepaidMinutes: number, bookingCreditId: string | null, client: { id: string }, reader: { id: string, displayName: string } } };

export type AcceptSessionMutationVariables = Exact<{
  sessionId: string | number;
}>;


export type AcceptSessionMutation = { acceptSession: { id: string, roomName: string, type: SessionType, status: SessionStatus, ratePerMinuteCents: number, requestedAt: string, acceptedAt: string | null, startedAt: string | null, endedAt: string | null, endReason: string | null, clientConnected: boolean, readerConnected: boolean, durationSeconds: number | null, billedMinutes: number, totalCostCents: number, prepaidMinutes: number, bookingCreditId: string | null, client: { id: string }, reader: { id: string, displayName: string } } };

export type DeclineSessionMutationVariables = Exact<{
  sessionId: string | number;
}>;


export type DeclineSessionMutation = { declineSession: { id: string, roomName: string, type: SessionType, status: SessionStatus, ratePerMinuteCents: number, requestedAt: string, acceptedAt: string | null, startedAt: string | null, endedAt: string | null, endReason: string | null, clientConnected: boolean, readerConnected: boolean, durationSeconds: number | null, billedMinutes: number, totalCostCents: number, prepaidMinutes: number, bookingCreditId: string | null, client: { id: string }, reader: { id: string, displayName: string } } };

export type CancelSessionMutationVariables = Exact<{
  sessionId: string | number;
}>;


export type CancelSessionMutation = { cancelSession: { id: string, roomName: string, type: SessionType, status: SessionStatus, ratePerMinuteCents: number, requestedAt: string, acceptedAt: string | null, startedAt: string | null, endedAt: string | null, endReason: string | null, clientConnected: boolean, readerConnected: boolean, durationSeconds: number | null, billedMinutes: number, totalCostCents: number, prepaidMinutes: number, bookingCreditId: string | null, client: { id: string }, reader: { id: string, displayName: string } } };

export type JoinSessionMutationVariables = Exact<{
  sessionId: string | number;
}>;


export type JoinSessionMutation = { joinSession: { id: string, roomName: string, type: SessionType, status: SessionStatus, ratePerMinuteCents: number, requestedAt: string, acceptedAt: string | null, startedAt: string | null, endedAt: string | null, endReason: string | null, clientConnected: boolean, readerConnected: boolean, durationSeconds: number | null, billedMinutes: number, totalCostCents: number, prepaidMinutes: number, bookingCreditId: string | null, client: { id: string }, reader: { id: string, displayName: string } } };

export type LeaveSessionMutationVariables = Exact<{
  sessionId: string | number;
}>;


export type LeaveSessionMutation = { leaveSession: { id: string, roomName: string, type: SessionType, status: SessionStatus, ratePerMinuteCents: number, requestedAt: string, acceptedAt: string | null, startedAt: string | null, endedAt: string | null, endReason: string | null, clientConnected: boolean, readerConnected: boolean, durationSeconds: number | null, billedMinutes: number, totalCostCents: number, prepaidMinutes: number, bookingCreditId: string | null, client: { id: string }, reader: { id: string, displayName: string } } };

export type EndSessionMutationVariables = Exact<{
  sessionId: string | number;
}>;


export type EndSessionMutation = { endSession: { id: string, roomName: string, type: SessionType, status: SessionStatus, ratePerMinuteCents: number, requestedAt: string, acceptedAt: string | null, startedAt: string | null, endedAt: string | null, endReason: string | null, clientConnected: boolean, readerConnected: boolean, durationSeconds: number | null, billedMinutes: number, totalCostCents: number, prepaidMinutes: number, bookingCreditId: string | null, client: { id: string }, reader: { id: string, displayName: string } } };

export type SessionQueryVariables = Exact<{
  id: string | number;
}>;


export type SessionQuery = { session: { id: string, roomName: string, type: SessionType, status: SessionStatus, ratePerMinuteCents: number, requestedAt: string, acceptedAt: string | null, startedAt: string | null, endedAt: string | null, endReason: string | null, clientConnected: boolean, readerConnected: boolean, durationSeconds: number | null, billedMinutes: number, totalCostCents: number, prepaidMinutes: number, bookingCreditId: string | null, meter: { elapsedSeconds: number, billedMinutes: number, costCents: number, balanceCents: number | null, affordableMinutes: number | null, prepaidMinutesLeft: number, lowBalance: boolean }, client: { id: string }, reader: { id: string, displayName: string } } };

export type MySessionsQueryVariables = Exact<{
  first?: number | null | undefined;
  status?: Array<SessionStatus> | SessionStatus | null | undefined;
}>;


export type MySessionsQuery = { mySessions: { edges: Array<{ node: { id: string, roomName: string, type: SessionType, status: SessionStatus, ratePerMinuteCents: number, requestedAt: string, acceptedAt: string | null, startedAt: string | null, endedAt: string | null, endReason: string | null, clientConnected: boolean, readerConnected: boolean, durationSeconds: number | null, billedMinutes: number, totalCostCents: number, prepaidMinutes: number, bookingCreditId: string | null, client: { id: string }, reader: { id: string, displayName: string } } }> } };

export type SessionTokenQueryVariables = Exact<{
  sessionId: string | number;
}>;


export type SessionTokenQuery = { sessionToken: { token: string, room: string, identity: string, url: string | null, expiresAt: string, canPublishAudio: boolean, canPublishVideo: boolean, canPublishData: boolean } };

export type SendSessionMessageMutationVariables = Exact<{
  input: SendSessionMessageInput;
}>;


export type SendSessionMessageMutation = { sendSessionMessage: { id: string, seq: number, content: string, clientKey: string | null, createdAt: string, sender: { id: string } } };

export type SessionTranscriptQueryVariables = Exact<{
  id: string | number;
  first?: number | null | undefined;
}>;


export type SessionTranscriptQuery = { session: { id: string, messages: { edges: Array<{ node: { seq: number, content: string, sender: { id: string } } }> } } };

export type CreateReviewMutationVariables = Exact<{
  input: CreateReviewInput;
}>;


export type CreateReviewMutation = { createReview: { id: string, rating: number, comment: string | null, sessionId: string } };

export type ReplyToReviewMutationVariables = Exact<{
  reviewId: string | number;
  reply: string;
}>;


export type ReplyToReviewMutation = { replyToReview: { id: string, readerReply: string | null, repliedAt: string | null } };

export type ReaderReviewsQueryVariables = Exact<{
  readerId: string | number;
}>;


export type ReaderReviewsQuery = { readerReviews: { edges: Array<{ node: { id: string, rating: number, comment: string | null, readerReply: string | null } }> } };

export type SetAvailabilityMutationVariables = Exact<{
  input: SetAvailabilityInput;
}>;


export type SetAvailabilityMutation = { setAvailability: Array<{ id: string, dayOfWeek: number, startTime: string, endTime: string, timezone: string, recurring: boolean, date: string | null }> };

export type ReaderAvailabilityQueryVariables = Exact<{
  readerId: string | number;
}>;


export type ReaderAvailabilityQuery = { readerAvailability: Array<{ id: string, dayOfWeek: number, startTime: string, endTime: string, timezone: string, recurring: boolean, date: string | null }> };

export type BookSessionMutationVariables = Exact<{
  input: BookSessionInput;
}>;


export type BookSessionMutation = { bookSession: { scheduledAt: string | null, confirmedAt: string | null, id: string, roomName: string, type: SessionType, status: SessionStatus, ratePerMinuteCents: number, requestedAt: string, acceptedAt: string | null, startedAt: string | null, endedAt: string | null, endReason: string | null, clientConnected: boolean, readerConnected: boolean, durationSeconds: number | null, billedMinutes: number, totalCostCents: number, prepaidMinutes: number, bookingCreditId: string | null, client: { id: string }, reader: { id: string, displayName: string } } };

export type ConfirmBookingMutationVariables = Exact<{
  sessionId: string | number;
}>;


export type ConfirmBookingMutation = { confirmBooking: { id: string, status: SessionStatus, scheduledAt: string | null, confirmedAt: string | null } };

export type FavoriteReaderMutationVariables = Exact<{
  readerId: string | number;
  notifyOnline?: boolean | null | undefined;
}>;


export type FavoriteReaderMutation = { favoriteReader: { id: string, notifyOnline: boolean, reader: { id: string } } };

export type UnfavoriteReaderMutationVariables = Exact<{
  readerId: string | number;
}>;


export type UnfavoriteReaderMutation = { unfavoriteReader: boolean };

export type MyFavoritesQueryVariables = Exact<{ [key: string]: never; }>;


export type MyFavoritesQuery = { myFavorites: { edges: Array<{ node: { id: string, notifyOnline: boolean, reader: { id: string } } }> } };

export type SessionUpdatedSubscriptionVariables = Exact<{
  sessionId: string | number;
}>;


export type SessionUpdatedSubscription = { sessionUpdated: { kind: SessionEventKind, status: SessionStatus, lowBalanceWarning: boolean, endReason: string | null, participantId: string | null, at: string, meter: { elapsedSeconds: number, billedMinutes: number, costCents: number, balanceCents: number | null, affordableMinutes: number | null, lowBalance: boolean }, session: { id: string, reader: { id: string, displayName: string } } } };

export type SessionMessageAddedSubscriptionVariables = Exact<{
  sessionId: string | number;
}>;


export type SessionMessageAddedSubscription = { sessionMessageAdded: { id: string, seq: number, content: string, sender: { id: string } } };

export type IncomingSessionRequestsSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type IncomingSessionRequestsSubscription = { incomingSessionRequests: { id: string, type: SessionType, ratePerMinuteCents: number, client: { id: string } } };

export type FavoriteReaderOnlineSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type FavoriteReaderOnlineSubscription = { favoriteReaderOnline: { id: string, displayName: string, status: ReaderStatus } };

export type FavoriteReaderWentLiveSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type FavoriteReaderWentLiveSubscription = { favoriteReaderWentLive: { streamId: string, title: string, startedAt: string, reader: { id: string, displayName: string }, stream: { id: string, status: StreamStatus, visibility: StreamVisibility, viewerHasAccess: boolean } | null } };

export type VerifyEmailMutationVariables = Exact<{
  token?: string | null | undefined;
  code?: string | null | undefined;
}>;


export type VerifyEmailMutation = { verifyEmail: boolean };

export type ResendVerificationEmailMutationVariables = Exact<{ [key: string]: never; }>;


export type ResendVerificationEmailMutation = { resendVerificationEmail: boolean };

export type RequestPasswordResetMutationVariables = Exact<{
  email: string;
}>;


export type RequestPasswordResetMutation = { requestPasswordReset: boolean };

export type ResetPasswordMutationVariables = Exact<{
  input: ResetPasswordInput;
}>;


export type ResetPasswordMutation = { resetPassword: boolean };

export type ChangeEmailMutationVariables = Exact<{
  input: ChangeEmailInput;
}>;


export type ChangeEmailMutation = { changeEmail: boolean };

export type ConfirmEmailChangeMutationVariables = Exact<{
  token: string;
}>;


export type ConfirmEmailChangeMutation = { confirmEmailChange: boolean };

export type EnableTwoFactorMutationVariables = Exact<{ [key: string]: never; }>;


export type EnableTwoFactorMutation = { enableTwoFactor: { secret: string, otpauthUri: string } };

export type ConfirmTwoFactorMutationVariables = Exact<{
  code: string;
}>;


export type ConfirmTwoFactorMutation = { confirmTwoFactor: { recoveryCodes: Array<string> } };

export type DisableTwoFactorMutationVariables = Exact<{
  code: string;
}>;


export type DisableTwoFactorMutation = { disableTwoFactor: boolean };

export type MySecurityQueryVariables = Exact<{ [key: string]: never; }>;


export type MySecurityQuery = { me: { id: string, email: string | null, emailVerified: boolean | null, twoFactorEnabled: boolean | null } | null };

export type ProductFieldsFragment = { id: string, name: string, description: string, type: ProductType, category: string, priceCents: number, currency: string, sku: string | null, stockQuantity: number | null, inStock: boolean, serviceSessionType: ServiceSessionType | null, serviceMinutes: number | null, images: Array<string>, status: ProductStatus, featured: boolean, soldByPlatform: boolean, fileKey: string | null, stripeProductId: string | null, stripePriceId: string | null, createdAt: string, seller: { id: string } | null };

export type OrderFieldsFragment = { id: string, orderNumber: string, status: OrderStatus, paymentMethod: OrderPaymentMethod, totalAmountCents: number, refundedCents: number, carrier: string | null, trackingNumber: string | null, paymentIntentId: string | null, failureReason: string | null, paidAt: string | null, shippedAt: string | null, deliveredAt: string | null, cancelledAt: string | null, buyer: { id: string }, items: Array<{ id: string, quantity: number, priceCents: number, amountCents: number, sellerShareCents: number, product: { id: string, name: string, type: ProductType } }>, shippingAddress: { name: string, line1: string, city: string, postalCode: string, country: string } | null };

export type CreateProductMutationVariables = Exact<{
  input: CreateProductInput;
}>;


export type CreateProductMutation = { createProduct: { id: string, name: string, description: string, type: ProductType, category: string, priceCents: number, currency: string, sku: string | null, stockQuantity: number | null, inStock: boolean, serviceSessionType: ServiceSessionType | null, serviceMinutes: number | null, images: Array<string>, status: ProductStatus, featured: boolean, soldByPlatform: boolean, fileKey: string | null, stripeProductId: string | null, stripePriceId: string | null, createdAt: string, seller: { id: string } | null } };

export type UpdateProductMutationVariables = Exact<{
  id: string | number;
  input: UpdateProductInput;
}>;


export type UpdateProductMutation = { updateProduct: { id: string, name: string, description: string, type: ProductType, category: string, priceCents: number, currency: string, sku: string | null, stockQuantity: number | null, inStock: boolean, serviceSessionType: ServiceSessionType | null, serviceMinutes: number | null, images: Array<string>, status: ProductStatus, featured: boolean, soldByPlatform: boolean, fileKey: string | null, stripeProductId: string | null, stripePriceId: string | null, createdAt: string, seller: { id: string } | null } };

export type ProductsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  filter?: ProductFilter | null | undefined;
  sort?: ProductSort | null | undefined;
}>;


export type ProductsQuery = { products: { edges: Array<{ node: { id: string, name: string, description: string, type: ProductType, category: string, priceCents: number, currency: string, sku: string | null, stockQuantity: number | null, inStock: boolean, serviceSessionType: ServiceSessionType | null, serviceMinutes: number | null, images: Array<string>, status: ProductStatus, featured: boolean, soldByPlatform: boolean, fileKey: string | null, stripeProductId: string | null, stripePriceId: string | null, createdAt: string, seller: { id: string } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ProductQueryVariables = Exact<{
  id: string | number;
}>;


export type ProductQuery = { product: { id: string, name: string, description: string, type: ProductType, category: string, priceCents: number, currency: string, sku: string | null, stockQuantity: number | null, inStock: boolean, serviceSessionType: ServiceSessionType | null, serviceMinutes: number | null, images: Array<string>, status: ProductStatus, featured: boolean, soldByPlatform: boolean, fileKey: string | null, stripeProductId: string | null, stripePriceId: string | null, createdAt: string, seller: { id: string } | null } };

export type ReaderShopQueryVariables = Exact<{
  id: string | number;
  sort?: ProductSort | null | undefined;
}>;


export type ReaderShopQuery = { reader: { id: string, displayName: string, products: { edges: Array<{ node: { id: string, name: string, status: ProductStatus, priceCents: number } }> } } | null };

export type PlaceOrderMutationVariables = Exact<{
  input: PlaceOrderInput;
}>;


export type PlaceOrderMutation = { placeOrder: { clientSecret: string | null, replayed: boolean, order: { id: string, orderNumber: string, status: OrderStatus, paymentMethod: OrderPaymentMethod, totalAmountCents: number, refundedCents: number, carrier: string | null, trackingNumber: string | null, paymentIntentId: string | null, failureReason: string | null, paidAt: string | null, shippedAt: string | null, deliveredAt: string | null, cancelledAt: string | null, buyer: { id: string }, items: Array<{ id: string, quantity: number, priceCents: number, amountCents: number, sellerShareCents: number, product: { id: string, name: string, type: ProductType } }>, shippingAddress: { name: string, line1: string, city: string, postalCode: string, country: string } | null } } };

export type OrdersQueryVariables = Exact<{
  scope?: OrderScope | null | undefined;
  status?: OrderStatus | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type OrdersQuery = { orders: { edges: Array<{ node: { id: string, orderNumber: string, status: OrderStatus, paymentMethod: OrderPaymentMethod, totalAmountCents: number, refundedCents: number, carrier: string | null, trackingNumber: string | null, paymentIntentId: string | null, failureReason: string | null, paidAt: string | null, shippedAt: string | null, deliveredAt: string | null, cancelledAt: string | null, buyer: { id: string }, items: Array<{ id: string, quantity: number, priceCents: number, amountCents: number, sellerShareCents: number, product: { id: string, name: string, type: ProductType } }>, shippingAddress: { name: string, line1: string, city: string, postalCode: string, country: string } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type OrderQueryVariables = Exact<{
  id: string | number;
}>;


export type OrderQuery = { order: { id: string, orderNumber: string, status: OrderStatus, paymentMethod: OrderPaymentMethod, totalAmountCents: number, refundedCents: number, carrier: string | null, trackingNumber: string | null, paymentIntentId: string | null, failureReason: string | null, paidAt: string | null, shippedAt: string | null, deliveredAt: string | null, cancelledAt: string | null, buyer: { id: string }, items: Array<{ id: string, quantity: number, priceCents: number, amountCents: number, sellerShareCents: number, product: { id: string, name: string, type: ProductType } }>, shippingAddress: { name: string, line1: string, city: string, postalCode: string, country: string } | null } };

export type MarkOrderShippedMutationVariables = Exact<{
  orderId: string | number;
  carrier: string;
  trackingNumber: string;
}>;


export type MarkOrderShippedMutation = { markOrderShipped: { id: string, orderNumber: string, status: OrderStatus, paymentMethod: OrderPaymentMethod, totalAmountCents: number, refundedCents: number, carrier: string | null, trackingNumber: string | null, paymentIntentId: string | null, failureReason: string | null, paidAt: string | null, shippedAt: string | null, deliveredAt: string | null, cancelledAt: string | null, buyer: { id: string }, items: Array<{ id: string, quantity: number, priceCents: number, amountCents: number, sellerShareCents: number, product: { id: string, name: string, type: ProductType } }>, shippingAddress: { name: string, line1: string, city: string, postalCode: string, country: string } | null } };

export type MarkOrderDeliveredMutationVariables = Exact<{
  orderId: string | number;
}>;


export type MarkOrderDeliveredMutation = { markOrderDelivered: { id: string, orderNumber: string, status: OrderStatus, paymentMethod: OrderPaymentMethod, totalAmountCents: number, refundedCents: number, carrier: string | null, trackingNumber: string | null, paymentIntentId: string | null, failureReason: string | null, paidAt: string | null, shippedAt: string | null, deliveredAt: string | null, cancelledAt: string | null, buyer: { id: string }, items: Array<{ id: string, quantity: number, priceCents: number, amountCents: number, sellerShareCents: number, product: { id: string, name: string, type: ProductType } }>, shippingAddress: { name: string, line1: string, city: string, postalCode: string, country: string } | null } };

export type CancelOrderMutationVariables = Exact<{
  orderId: string | number;
  reason?: string | null | undefined;
}>;


export type CancelOrderMutation = { cancelOrder: { id: string, orderNumber: string, status: OrderStatus, paymentMethod: OrderPaymentMethod, totalAmountCents: number, refundedCents: number, carrier: string | null, trackingNumber: string | null, paymentIntentId: string | null, failureReason: string | null, paidAt: string | null, shippedAt: string | null, deliveredAt: string | null, cancelledAt: string | null, buyer: { id: string }, items: Array<{ id: string, quantity: number, priceCents: number, amountCents: number, sellerShareCents: number, product: { id: string, name: string, type: ProductType } }>, shippingAddress: { name: string, line1: string, city: string, postalCode: string, country: string } | null } };

export type RefundOrderMutationVariables = Exact<{
  input: RefundOrderInput;
}>;


export type RefundOrderMutation = { refundOrder: { id: string, orderNumber: string, status: OrderStatus, paymentMethod: OrderPaymentMethod, totalAmountCents: number, refundedCents: number, carrier: string | null, trackingNumber: string | null, paymentIntentId: string | null, failureReason: string | null, paidAt: string | null, shippedAt: string | null, deliveredAt: string | null, cancelledAt: string | null, buyer: { id: string }, items: Array<{ id: string, quantity: number, priceCents: number, amountCents: number, sellerShareCents: number, product: { id: string, name: string, type: ProductType } }>, shippingAddress: { name: string, line1: string, city: string, postalCode: string, country: string } | null } };

export type OrderUpdatedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type OrderUpdatedSubscription = { orderUpdated: { id: string, status: OrderStatus, carrier: string | null, trackingNumber: string | null, refundedCents: number } };

export type DownloadLinkMutationVariables = Exact<{
  orderItemId: string | number;
}>;


export type DownloadLinkMutation = { downloadLink: { url: string, expiresAt: string, maxUses: number } };

export type BookingCreditsQueryVariables = Exact<{
  status?: BookingCreditStatus | null | undefined;
  readerId?: string | number | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type BookingCreditsQuery = { bookingCredits: { edges: Array<{ node: { id: string, orderId: string, sessionType: ServiceSessionType, minutes: number, status: BookingCreditStatus, redeemedAt: string | null, expiresAt: string, voidedAt: string | null, createdAt: string, reader: { id: string }, session: { id: string } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type SubsReaderStatusSubscriptionVariables = Exact<{
  readerIds?: Array<string | number> | string | number | null | undefined;
}>;


export type SubsReaderStatusSubscription = { readerStatusChanged: { id: string, status: ReaderStatus, displayName: string } };

export type SubsReaderStatusWithEmailSubscriptionVariables = Exact<{
  readerIds?: Array<string | number> | string | number | null | undefined;
}>;


export type SubsReaderStatusWithEmailSubscription = { readerStatusChanged: { id: string, status: ReaderStatus, user: { id: string, email: string | null } } };

export type SubsSetReaderStatusMutationVariables = Exact<{
  status: ReaderStatus;
}>;


export type SubsSetReaderStatusMutation = { setReaderStatus: { id: string, status: ReaderStatus } };

export const NotificationFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"NotificationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Notification"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"data"}},{"kind":"Field","name":{"kind":"Name","value":"read"}},{"kind":"Field","name":{"kind":"Name","value":"readAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<NotificationFieldsFragment, unknown>;
export const SessionFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SessionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Session"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"roomName"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"ratePerMinuteCents"}},{"kind":"Field","name":{"kind":"Name","value":"requestedAt"}},{"kind":"Field","name":{"kind":"Name","value":"acceptedAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"endedAt"}},{"kind":"Field","name":{"kind":"Name","value":"endReason"}},{"kind":"Field","name":{"kind":"Name","value":"clientConnected"}},{"kind":"Field","name":{"kind":"Name","value":"readerConnected"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"billedMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"totalCostCents"}},{"kind":"Field","name":{"kind":"Name","value":"prepaidMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"bookingCreditId"}},{"kind":"Field","name":{"kind":"Name","value":"client"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reader"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]} as unknown as DocumentNode<SessionFieldsFragment, unknown>;
export const ProductFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ProductFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Product"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"priceCents"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"sku"}},{"kind":"Field","name":{"kind":"Name","value":"stockQuantity"}},{"kind":"Field","name":{"kind":"Name","value":"inStock"}},{"kind":"Field","name":{"kind":"Name","value":"serviceSessionType"}},{"kind":"Field","name":{"kind":"Name","value":"serviceMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"images"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"featured"}},{"kind":"Field","name":{"kind":"Name","value":"soldByPlatform"}},{"kind":"Field","name":{"kind":"Name","value":"seller"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"fileKey"}},{"kind":"Field","name":{"kind":"Name","value":"stripeProductId"}},{"kind":"Field","name":{"kind":"Name","value":"stripePriceId"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<ProductFieldsFragment, unknown>;
export const OrderFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OrderFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Order"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"orderNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"paymentMethod"}},{"kind":"Field","name":{"kind":"Name","value":"totalAmountCents"}},{"kind":"Field","name":{"kind":"Name","value":"refundedCents"}},{"kind":"Field","name":{"kind":"Name","value":"buyer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"priceCents"}},{"kind":"Field","name":{"kind":"Name","value":"amountCents"}},{"kind":"Field","name":{"kind":"Name","value":"sellerShareCents"}},{"kind":"Field","name":{"kind":"Name","value":"product"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"shippingAddress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"line1"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"postalCode"}},{"kind":"Field","name":{"kind":"Name","value":"country"}}]}},{"kind":"Field","name":{"kind":"Name","value":"carrier"}},{"kind":"Field","name":{"kind":"Name","value":"trackingNumber"}},{"kind":"Field","name":{"kind":"Name","value":"paymentIntentId"}},{"kind":"Field","name":{"kind":"Name","value":"failureReason"}},{"kind":"Field","name":{"kind":"Name","value":"paidAt"}},{"kind":"Field","name":{"kind":"Name","value":"shippedAt"}},{"kind":"Field","name":{"kind":"Name","value":"deliveredAt"}},{"kind":"Field","name":{"kind":"Name","value":"cancelledAt"}}]}}]} as unknown as DocumentNode<OrderFieldsFragment, unknown>;
export const ChangePasswordDocument = {"__meta__":{"hash":"sha256:856e104129be0749eb115cb067ece9ce59cf27c15cc6aa3c575fbbcc160dfc2a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ChangePassword"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ChangePasswordInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changePassword"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"refreshToken"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<ChangePasswordMutation, ChangePasswordMutationVariables>;
export const UpdateClientProfileDocument = {"__meta__":{"hash":"sha256:b29eb36bad7439439ac98407867eeeec07a52b5086ffa58efdb58a48dcec6375"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateClientProfile"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateClientProfileInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateClientProfile"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"avatarUrl"}}]}},{"kind":"Field","name":{"kind":"Name","value":"clientProfile"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"avatarUrl"}},{"kind":"Field","name":{"kind":"Name","value":"bio"}},{"kind":"Field","name":{"kind":"Name","value":"birthDate"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}},{"kind":"Field","name":{"kind":"Name","value":"preferences"}},{"kind":"Field","name":{"kind":"Name","value":"preferredSessionTypes"}},{"kind":"Field","name":{"kind":"Name","value":"preferredCategories"}},{"kind":"Field","name":{"kind":"Name","value":"showNameInLeaderboards"}}]}}]}}]}}]} as unknown as DocumentNode<UpdateClientProfileMutation, UpdateClientProfileMutationVariables>;
export const MyProfileDocument = {"__meta__":{"hash":"sha256:4b71c093fc4bbcc47b869b38a8684f8091fedb2df92e6fa223069656eec195cd"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyProfile"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"lastLoginAt"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"avatarUrl"}},{"kind":"Field","name":{"kind":"Name","value":"clientProfile"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"avatarUrl"}},{"kind":"Field","name":{"kind":"Name","value":"bio"}},{"kind":"Field","name":{"kind":"Name","value":"birthDate"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}},{"kind":"Field","name":{"kind":"Name","value":"preferences"}},{"kind":"Field","name":{"kind":"Name","value":"preferredSessionTypes"}},{"kind":"Field","name":{"kind":"Name","value":"preferredCategories"}},{"kind":"Field","name":{"kind":"Name","value":"showNameInLeaderboards"}}]}},{"kind":"Field","name":{"kind":"Name","value":"readerProfile"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"isVerified"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<MyProfileQuery, MyProfileQueryVariables>;
export const UserPrivateFieldsDocument = {"__meta__":{"hash":"sha256:2e6422c4019ae4cc0b16d48c897e53e0ee239252f057c3baa486151f21abc1c8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"UserPrivateFields"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"lastLoginAt"}},{"kind":"Field","name":{"kind":"Name","value":"clientProfile"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"bio"}},{"kind":"Field","name":{"kind":"Name","value":"birthDate"}},{"kind":"Field","name":{"kind":"Name","value":"preferences"}}]}}]}}]}}]} as unknown as DocumentNode<UserPrivateFieldsQuery, UserPrivateFieldsQueryVariables>;
export const UserPublicFieldsDocument = {"__meta__":{"hash":"sha256:3759805fad612ebe325566597f862fc2cd5378684703366503f97d6bbd4d5b69"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"UserPublicFields"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"avatarUrl"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]} as unknown as DocumentNode<UserPublicFieldsQuery, UserPublicFieldsQueryVariables>;
export const InviteReaderDocument = {"__meta__":{"hash":"sha256:3bbf67b0773683bca32ccb8d98a7d6283847947771fb75d99e9a63fd2e7917f5"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"InviteReader"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"InviteReaderInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"inviteReader"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"inviteToken"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"readerProfile"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}}]}}]}}]}}]}}]} as unknown as DocumentNode<InviteReaderMutation, InviteReaderMutationVariables>;
export const AcceptReaderInviteDocument = {"__meta__":{"hash":"sha256:9fe69203bc6ea2f4e6c5d2d9ae14d1d96eb44e15be7198920dbc910afee452a6"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AcceptReaderInvite"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AcceptReaderInviteInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"acceptReaderInvite"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"refreshToken"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<AcceptReaderInviteMutation, AcceptReaderInviteMutationVariables>;
export const VerifyReaderDocument = {"__meta__":{"hash":"sha256:affedb6cae0b6cb72457d87b4a0266ad4970666d439fb0dd790c19a15c13f665"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"VerifyReader"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"VerifyReaderInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"verifyReader"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reader"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"isVerified"}}]}}]}}]}}]} as unknown as DocumentNode<VerifyReaderMutation, VerifyReaderMutationVariables>;
export const SetUserStatusDocument = {"__meta__":{"hash":"sha256:d89f8ec1014ec2ebf452d5b834937f9db9f91dfe6698f9f90c44b2c388bae5cd"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetUserStatus"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SetUserStatusInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setUserStatus"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokedRefreshTokens"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<SetUserStatusMutation, SetUserStatusMutationVariables>;
export const AuditLogsDocument = {"__meta__":{"hash":"sha256:f5bc26fd021428278e5c8f05710505f21c04c954c66590e87b8b163bfe8c6550"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AuditLogs"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AuditLogFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"auditLogs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"entityType"}},{"kind":"Field","name":{"kind":"Name","value":"entityId"}},{"kind":"Field","name":{"kind":"Name","value":"changes"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"actor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<AuditLogsQuery, AuditLogsQueryVariables>;
export const UpdateReaderProfileDocument = {"__meta__":{"hash":"sha256:ddbbdb945361d7ed0d4ad6529bfb33bb735306fce5b5dffa3edd9998019185ef"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateReaderProfile"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateReaderProfileInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateReaderProfile"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reader"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"headline"}},{"kind":"Field","name":{"kind":"Name","value":"bio"}},{"kind":"Field","name":{"kind":"Name","value":"avatarUrl"}},{"kind":"Field","name":{"kind":"Name","value":"specialties"}},{"kind":"Field","name":{"kind":"Name","value":"yearsOfExperience"}},{"kind":"Field","name":{"kind":"Name","value":"certifications"}},{"kind":"Field","name":{"kind":"Name","value":"languages"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}},{"kind":"Field","name":{"kind":"Name","value":"sessionTypes"}},{"kind":"Field","name":{"kind":"Name","value":"lowestRateCents"}},{"kind":"Field","name":{"kind":"Name","value":"rates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sessionType"}},{"kind":"Field","name":{"kind":"Name","value":"ratePerMinuteCents"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"chatRate"},"name":{"kind":"Name","value":"rateFor"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"sessionType"},"value":{"kind":"EnumValue","value":"CHAT"}}]},{"kind":"Field","name":{"kind":"Name","value":"isVerified"}}]}}]}}]}}]} as unknown as DocumentNode<UpdateReaderProfileMutation, UpdateReaderProfileMutationVariables>;
export const SetReaderStatusDocument = {"__meta__":{"hash":"sha256:8f1088c67115f6251705f8f63e50c3a36d4681de0d7e18f522f5474163573f85"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetReaderStatus"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ReaderStatus"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setReaderStatus"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<SetReaderStatusMutation, SetReaderStatusMutationVariables>;
export const ReaderDirectoryDocument = {"__meta__":{"hash":"sha256:e685cc12e3652c0acf1b7d289a9f5985964a2fbbfaf3273267c50ae11ca7a4aa"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ReaderDirectory"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ReaderFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sort"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ReaderSort"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"readers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"sort"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sort"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"yearsOfExperience"}},{"kind":"Field","name":{"kind":"Name","value":"lowestRateCents"}},{"kind":"Field","name":{"kind":"Name","value":"averageRating"}},{"kind":"Field","name":{"kind":"Name","value":"languages"}},{"kind":"Field","name":{"kind":"Name","value":"specialties"}},{"kind":"Field","name":{"kind":"Name","value":"sessionTypes"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<ReaderDirectoryQuery, ReaderDirectoryQueryVariables>;
export const ReaderStatusViewDocument = {"__meta__":{"hash":"sha256:53b38abba716a2a8e5e0b9907945c726134ffcc14230f22d6d9aa8b32843a8b5"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ReaderStatusView"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reader"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<ReaderStatusViewQuery, ReaderStatusViewQueryVariables>;
export const SetAdminPermissionsDocument = {"__meta__":{"hash":"sha256:383dcf52fefac7d59da158b34c1768eb5a7d8e700ef20aecaf51155a54aa034a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetAdminPermissions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SetAdminPermissionsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setAdminPermissions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"roles"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"adminRoles"}},{"kind":"Field","name":{"kind":"Name","value":"adminPermissions"}}]}}]}}]}}]} as unknown as DocumentNode<SetAdminPermissionsMutation, SetAdminPermissionsMutationVariables>;
export const AdminUserRolesDocument = {"__meta__":{"hash":"sha256:165e81d3a12eedf7ef70d26e036f3d3a3b73cab59e224684aec34526d6273411"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AdminUserRoles"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"adminRoles"}},{"kind":"Field","name":{"kind":"Name","value":"adminPermissions"}}]}}]}}]} as unknown as DocumentNode<AdminUserRolesQuery, AdminUserRolesQueryVariables>;
export const SystemSettingsDocument = {"__meta__":{"hash":"sha256:5fc867b654e2b7b61da2393d36a546471ccdbf135c6b86889f5eaa40446c8dfd"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SystemSettings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"systemSettings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"min"}},{"kind":"Field","name":{"kind":"Name","value":"max"}},{"kind":"Field","name":{"kind":"Name","value":"defaultValue"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]} as unknown as DocumentNode<SystemSettingsQuery, SystemSettingsQueryVariables>;
export const UpdateSystemSettingDocument = {"__meta__":{"hash":"sha256:8b96db91e6e087ac50106e82710d7ea734cf1d119419d86d7cd259e2988a11a3"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateSystemSetting"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateSystemSettingInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateSystemSetting"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setting"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}}]}},{"kind":"Field","name":{"kind":"Name","value":"change"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"oldValue"}},{"kind":"Field","name":{"kind":"Name","value":"newValue"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"actor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]} as unknown as DocumentNode<UpdateSystemSettingMutation, UpdateSystemSettingMutationVariables>;
export const SystemSettingHistoryDocument = {"__meta__":{"hash":"sha256:dbbabf259f5656230c26893b2dbfeaccb3fc3ba97aa16434b40cf4a688b0789a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SystemSettingHistory"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"key"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"systemSettingHistory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"key"},"value":{"kind":"Variable","name":{"kind":"Name","value":"key"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"oldValue"}},{"kind":"Field","name":{"kind":"Name","value":"newValue"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"actor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<SystemSettingHistoryQuery, SystemSettingHistoryQueryVariables>;
export const AdminUsersDocument = {"__meta__":{"hash":"sha256:2bdc52583a0bc3ec27d7feae99f05770742cc5e09f22ccbd7eb38d965eb730a4"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AdminUsers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AdminUserFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"adminUsers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<AdminUsersQuery, AdminUsersQueryVariables>;
export const AdminUserDocument = {"__meta__":{"hash":"sha256:c84b98916b222eb7f01d34ae59a16529bd86f8185ed2b3294a72a4614d4c9a4f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AdminUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"limit"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"adminUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"wallet"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"balanceCents"}}]}},{"kind":"Field","name":{"kind":"Name","value":"recentTransactions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"Variable","name":{"kind":"Name","value":"limit"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"amountCents"}}]}},{"kind":"Field","name":{"kind":"Name","value":"recentSessions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"Variable","name":{"kind":"Name","value":"limit"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"flags"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"Variable","name":{"kind":"Name","value":"limit"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"auditTrail"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"Variable","name":{"kind":"Name","value":"limit"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"entityId"}}]}}]}}]}}]} as unknown as DocumentNode<AdminUserQuery, AdminUserQueryVariables>;
export const ReaderInvitesDocument = {"__meta__":{"hash":"sha256:5f4d546ae9f73ab4b7ee760925d7fd1846cd00df11dd714720c0c0f738fc2492"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ReaderInvites"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"state"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ReaderInviteState"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"readerInvites"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"state"},"value":{"kind":"Variable","name":{"kind":"Name","value":"state"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"invitedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ReaderInvitesQuery, ReaderInvitesQueryVariables>;
export const ReaderVerificationQueueDocument = {"__meta__":{"hash":"sha256:2416cb8506b7ccf41f9590b27399441442079cf4aea899945775fcc4682049f1"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ReaderVerificationQueue"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"readerVerificationQueue"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"isVerified"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ReaderVerificationQueueQuery, ReaderVerificationQueueQueryVariables>;
export const AdminAnalyticsDocument = {"__meta__":{"hash":"sha256:b77cb09d7b816b5996f54fee642c5ce1487f72dd3c8c2d164ca0a6fc93d4a407"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AdminAnalytics"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"limit"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"adminAnalytics"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"revenueByDay"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"day"}},{"kind":"Field","name":{"kind":"Name","value":"minutesCents"}},{"kind":"Field","name":{"kind":"Name","value":"giftsCents"}},{"kind":"Field","name":{"kind":"Name","value":"paidRepliesCents"}},{"kind":"Field","name":{"kind":"Name","value":"streamEntryCents"}},{"kind":"Field","name":{"kind":"Name","value":"shopCents"}},{"kind":"Field","name":{"kind":"Name","value":"refundsCents"}},{"kind":"Field","name":{"kind":"Name","value":"totalCents"}},{"kind":"Field","name":{"kind":"Name","value":"platformCents"}}]}},{"kind":"Field","name":{"kind":"Name","value":"payoutsDue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"readers"}},{"kind":"Field","name":{"kind":"Name","value":"dueCents"}},{"kind":"Field","name":{"kind":"Name","value":"unpaidCents"}},{"kind":"Field","name":{"kind":"Name","value":"thresholdCents"}}]}},{"kind":"Field","name":{"kind":"Name","value":"topReaders"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"Variable","name":{"kind":"Name","value":"limit"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"readerId"}},{"kind":"Field","name":{"kind":"Name","value":"grossCents"}},{"kind":"Field","name":{"kind":"Name","value":"earningsCents"}}]}},{"kind":"Field","name":{"kind":"Name","value":"newClients"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"purchased"}},{"kind":"Field","name":{"kind":"Name","value":"conversionRate"}}]}},{"kind":"Field","name":{"kind":"Name","value":"activeSessionsNow"}},{"kind":"Field","name":{"kind":"Name","value":"liveStreamsNow"}},{"kind":"Field","name":{"kind":"Name","value":"minutesPerReader"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"Variable","name":{"kind":"Name","value":"limit"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"readerId"}},{"kind":"Field","name":{"kind":"Name","value":"minutes"}},{"kind":"Field","name":{"kind":"Name","value":"sessions"}}]}}]}}]}}]} as unknown as DocumentNode<AdminAnalyticsQuery, AdminAnalyticsQueryVariables>;
export const RegisterDocument = {"__meta__":{"hash":"sha256:bf411bcdf245f11fa288a0ed53c3b33baed1b2efbcc3ab6929bc332285ff38c6"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Register"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RegisterInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"register"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"refreshToken"}},{"kind":"Field","name":{"kind":"Name","value":"accessTokenExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"role"}}]}}]}}]}}]} as unknown as DocumentNode<RegisterMutation, RegisterMutationVariables>;
export const LoginDocument = {"__meta__":{"hash":"sha256:0a94b6aa86bcf634916697ee399e5db3cb380f6c5ec08e21206ebb9a34290ac0"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Login"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LoginInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"login"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"refreshToken"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"role"}}]}}]}}]}}]} as unknown as DocumentNode<LoginMutation, LoginMutationVariables>;
export const RefreshTokenDocument = {"__meta__":{"hash":"sha256:b3a26e3cf2616e3ddb2bc972e752f0f1284099a377db963d783547a259a96818"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RefreshToken"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"refreshToken"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"refreshToken"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"refreshToken"},"value":{"kind":"Variable","name":{"kind":"Name","value":"refreshToken"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"refreshToken"}}]}}]}}]} as unknown as DocumentNode<RefreshTokenMutation, RefreshTokenMutationVariables>;
export const LogoutDocument = {"__meta__":{"hash":"sha256:769cdbe082f1c85091e1ac0cc872835387cae31c269fe5ebc21eac46afd46964"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Logout"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"refreshToken"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"allDevices"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"logout"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"refreshToken"},"value":{"kind":"Variable","name":{"kind":"Name","value":"refreshToken"}}},{"kind":"Argument","name":{"kind":"Name","value":"allDevices"},"value":{"kind":"Variable","name":{"kind":"Name","value":"allDevices"}}}]}]}}]} as unknown as DocumentNode<LogoutMutation, LogoutMutationVariables>;
export const MeDocument = {"__meta__":{"hash":"sha256:5422febb6d07fb215a7171624a7b11781ee06f7cf69d6114ad2fc01ad02b07dd"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"clientProfile"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}}]}}]}}]}}]} as unknown as DocumentNode<MeQuery, MeQueryVariables>;
export const CommunityForumCategoriesDocument = {"__meta__":{"hash":"sha256:e65fa272d044262843c85704194ebc9bcbebc43a7cfcc4377cd1d85f718302cc"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CommunityForumCategories"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"forumCategories"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"adminOnly"}},{"kind":"Field","name":{"kind":"Name","value":"sortOrder"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<CommunityForumCategoriesQuery, CommunityForumCategoriesQueryVariables>;
export const CommunityForumPostsDocument = {"__meta__":{"hash":"sha256:683a78a2518d2ae350fafd61e8860d44ae2c2b640f290f9ba28c72296faefdcf"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CommunityForumPosts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"categoryId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"categorySlug"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"order"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ForumPostOrder"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"forumPosts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"categoryId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"categoryId"}}},{"kind":"Argument","name":{"kind":"Name","value":"categorySlug"},"value":{"kind":"Variable","name":{"kind":"Name","value":"categorySlug"}}},{"kind":"Argument","name":{"kind":"Name","value":"order"},"value":{"kind":"Variable","name":{"kind":"Name","value":"order"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"isPinned"}},{"kind":"Field","name":{"kind":"Name","value":"replyCount"}},{"kind":"Field","name":{"kind":"Name","value":"lastActivityAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<CommunityForumPostsQuery, CommunityForumPostsQueryVariables>;
export const CommunityForumPostDocument = {"__meta__":{"hash":"sha256:2edf929d1bfa01cf15e06a20d9a26598adf9005e61b01d80396571f3bc5cc14c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CommunityForumPost"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"repliesFirst"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"forumPost"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"isPinned"}},{"kind":"Field","name":{"kind":"Name","value":"isLocked"}},{"kind":"Field","name":{"kind":"Name","value":"viewCount"}},{"kind":"Field","name":{"kind":"Name","value":"replyCount"}},{"kind":"Field","name":{"kind":"Name","value":"author"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"category"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}},{"kind":"Field","name":{"kind":"Name","value":"replies"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"repliesFirst"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"author"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<CommunityForumPostQuery, CommunityForumPostQueryVariables>;
export const CommunityCreateForumPostDocument = {"__meta__":{"hash":"sha256:8bc3aff60107f42f74adea3080265165914eb9013973dddf60628922ce85166a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CommunityCreateForumPost"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateForumPostInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createForumPost"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"author"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<CommunityCreateForumPostMutation, CommunityCreateForumPostMutationVariables>;
export const CommunityUpdateForumPostDocument = {"__meta__":{"hash":"sha256:abe97d0db7751a5791a8f5dbd2aff9e93682034dec9b8607e42d50ccc2a96a8f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CommunityUpdateForumPost"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateForumPostInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateForumPost"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"content"}}]}}]}}]} as unknown as DocumentNode<CommunityUpdateForumPostMutation, CommunityUpdateForumPostMutationVariables>;
export const CommunityDeleteForumPostDocument = {"__meta__":{"hash":"sha256:75c7b268303e5c4e68af31158607589b88ff1e221cb15524a76882ff61bac7d9"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CommunityDeleteForumPost"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"postId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteForumPost"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"postId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"postId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<CommunityDeleteForumPostMutation, CommunityDeleteForumPostMutationVariables>;
export const CommunityCreateForumReplyDocument = {"__meta__":{"hash":"sha256:adf42270f278f312cc1e3f2c20fdb8595467c71f9fccd5a0483167cefbeb8d05"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CommunityCreateForumReply"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateForumReplyInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createForumReply"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"postId"}},{"kind":"Field","name":{"kind":"Name","value":"content"}}]}}]}}]} as unknown as DocumentNode<CommunityCreateForumReplyMutation, CommunityCreateForumReplyMutationVariables>;
export const CommunityUpdateForumReplyDocument = {"__meta__":{"hash":"sha256:b8582a43b138681fdba3690f1e8ab67dc17e64aa95f2c9856707e10572bb8efa"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CommunityUpdateForumReply"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateForumReplyInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateForumReply"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"content"}}]}}]}}]} as unknown as DocumentNode<CommunityUpdateForumReplyMutation, CommunityUpdateForumReplyMutationVariables>;
export const CommunityDeleteForumReplyDocument = {"__meta__":{"hash":"sha256:b61a6e67bc2f0a0b6a85cea0c5789b83d784623025b582723abf457103ab7aa7"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CommunityDeleteForumReply"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"replyId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteForumReply"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"replyId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"replyId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<CommunityDeleteForumReplyMutation, CommunityDeleteForumReplyMutationVariables>;
export const CommunityModerateForumPostDocument = {"__meta__":{"hash":"sha256:16715ebb33db3250c8b12e111ac0836b3d3dde4e7eb84731dfba408b8c604ab5"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CommunityModerateForumPost"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"postId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"action"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ForumPostModeration"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reason"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"moderateForumPost"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"postId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"postId"}}},{"kind":"Argument","name":{"kind":"Name","value":"action"},"value":{"kind":"Variable","name":{"kind":"Name","value":"action"}}},{"kind":"Argument","name":{"kind":"Name","value":"reason"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reason"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"isPinned"}},{"kind":"Field","name":{"kind":"Name","value":"isLocked"}}]}}]}}]} as unknown as DocumentNode<CommunityModerateForumPostMutation, CommunityModerateForumPostMutationVariables>;
export const CommunityFlagContentDocument = {"__meta__":{"hash":"sha256:94e5faad11f7b16c37b0e78b67b54d1d07ca13c9c2345b56929b80ec751f3ae6"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CommunityFlagContent"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"FlagContentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"flagContent"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]} as unknown as DocumentNode<CommunityFlagContentMutation, CommunityFlagContentMutationVariables>;
export const CommunityModerationQueueDocument = {"__meta__":{"hash":"sha256:342baefa0e63db365cc5d8659f5c7b2c57b879d9888b42534a5820286b19635f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CommunityModerationQueue"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"FlagStatus"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"moderationQueue"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reporter"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"post"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reply"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"content"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<CommunityModerationQueueQuery, CommunityModerationQueueQueryVariables>;
export const CommunityResolveFlagDocument = {"__meta__":{"hash":"sha256:0efc14ba923f01367432ddd88ff5e32d594ce24bcae74f4f9ad6c7a26ae0d56f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CommunityResolveFlag"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"flagId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"resolution"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"FlagResolution"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"note"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resolveFlag"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"flagId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"flagId"}}},{"kind":"Argument","name":{"kind":"Name","value":"resolution"},"value":{"kind":"Variable","name":{"kind":"Name","value":"resolution"}}},{"kind":"Argument","name":{"kind":"Name","value":"note"},"value":{"kind":"Variable","name":{"kind":"Name","value":"note"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"resolvedAt"}},{"kind":"Field","name":{"kind":"Name","value":"resolvedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<CommunityResolveFlagMutation, CommunityResolveFlagMutationVariables>;
export const CommunityConversationsDocument = {"__meta__":{"hash":"sha256:ee902f58c9c5dc03d43276cb5277b7975d14d4f1446e6ee941166476411c561e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CommunityConversations"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"conversations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"unreadCount"}},{"kind":"Field","name":{"kind":"Name","value":"lastMessageAt"}},{"kind":"Field","name":{"kind":"Name","value":"otherParticipant"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastMessage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"isLocked"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<CommunityConversationsQuery, CommunityConversationsQueryVariables>;
export const CommunityConversationMessagesDocument = {"__meta__":{"hash":"sha256:0c45b5139857863bdaa0860ea41b0e1e588d1f66bb4aa45f370e74b82dd46d00"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CommunityConversationMessages"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"conversation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"messages"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"isPaid"}},{"kind":"Field","name":{"kind":"Name","value":"isLocked"}},{"kind":"Field","name":{"kind":"Name","value":"priceCents"}},{"kind":"Field","name":{"kind":"Name","value":"isRead"}},{"kind":"Field","name":{"kind":"Name","value":"readAt"}},{"kind":"Field","name":{"kind":"Name","value":"unlockedAt"}},{"kind":"Field","name":{"kind":"Name","value":"sender"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<CommunityConversationMessagesQuery, CommunityConversationMessagesQueryVariables>;
export const CommunitySendMessageDocument = {"__meta__":{"hash":"sha256:68713699005425ca0197cb2f4b2e9b2f1a5d8aefb6dec34503728ba9704ba8bd"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CommunitySendMessage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SendMessageInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sendMessage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"conversationId"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"isPaid"}},{"kind":"Field","name":{"kind":"Name","value":"priceCents"}},{"kind":"Field","name":{"kind":"Name","value":"isLocked"}},{"kind":"Field","name":{"kind":"Name","value":"isRead"}}]}}]}}]} as unknown as DocumentNode<CommunitySendMessageMutation, CommunitySendMessageMutationVariables>;
export const CommunityMarkConversationReadDocument = {"__meta__":{"hash":"sha256:4a81faaf46c7b7b3151ce75e9ce031882b5c1bef0978f792a7526d1939ecc9d6"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CommunityMarkConversationRead"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"conversationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"markConversationRead"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"conversationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"conversationId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"unreadCount"}}]}}]}}]} as unknown as DocumentNode<CommunityMarkConversationReadMutation, CommunityMarkConversationReadMutationVariables>;
export const CommunityUnlockPaidReplyDocument = {"__meta__":{"hash":"sha256:d1a7cba8c54e1c797a508a16d747262b26020c3b647e6448b84264bc140f2ae0"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CommunityUnlockPaidReply"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"messageId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unlockPaidReply"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"messageId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"messageId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"isLocked"}},{"kind":"Field","name":{"kind":"Name","value":"unlockedAt"}}]}}]}}]} as unknown as DocumentNode<CommunityUnlockPaidReplyMutation, CommunityUnlockPaidReplyMutationVariables>;
export const CommunityBlockUserDocument = {"__meta__":{"hash":"sha256:e0d84dbaab86682ebaa179c7563380d893555b2b1956ec83377a6b2b35dfa404"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CommunityBlockUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"blockUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}}]}]}}]} as unknown as DocumentNode<CommunityBlockUserMutation, CommunityBlockUserMutationVariables>;
export const CommunityUnblockUserDocument = {"__meta__":{"hash":"sha256:d8eb87ca4d55c2d9cb8566f3f8cd5b2e7b4409b95f69ad22c85c8a53c9a9c3ab"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CommunityUnblockUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unblockUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}}]}]}}]} as unknown as DocumentNode<CommunityUnblockUserMutation, CommunityUnblockUserMutationVariables>;
export const CommunityMessageReceivedDocument = {"__meta__":{"hash":"sha256:683d64539a7d10172b08c852e30c77d7f2220363f67363f70d88085479d8639b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"CommunityMessageReceived"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"messageReceived"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"isPaid"}},{"kind":"Field","name":{"kind":"Name","value":"isLocked"}},{"kind":"Field","name":{"kind":"Name","value":"priceCents"}},{"kind":"Field","name":{"kind":"Name","value":"sender"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<CommunityMessageReceivedSubscription, CommunityMessageReceivedSubscriptionVariables>;
export const CommunityConversationUpdatedDocument = {"__meta__":{"hash":"sha256:4a2b6ea3b4b53c7317bae4ab268f20c7e9a2781784368dbaf2beda0aed7e83ba"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"CommunityConversationUpdated"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"conversationId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"conversationUpdated"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"conversationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"conversationId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"readAt"}},{"kind":"Field","name":{"kind":"Name","value":"readBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"conversation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"unreadCount"}},{"kind":"Field","name":{"kind":"Name","value":"lastMessage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"content"}}]}}]}}]}}]}}]} as unknown as DocumentNode<CommunityConversationUpdatedSubscription, CommunityConversationUpdatedSubscriptionVariables>;
export const CommunityScheduleLiveStreamDocument = {"__meta__":{"hash":"sha256:b3e46a6be736b2c168f404cd47c96419dec453714e402425d51f0865f0546ebc"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CommunityScheduleLiveStream"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ScheduleLiveStreamInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scheduleLiveStream"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"roomName"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"visibility"}},{"kind":"Field","name":{"kind":"Name","value":"entryPriceCents"}},{"kind":"Field","name":{"kind":"Name","value":"invitedUsers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<CommunityScheduleLiveStreamMutation, CommunityScheduleLiveStreamMutationVariables>;
export const CommunityStreamInviteesDocument = {"__meta__":{"hash":"sha256:2ea7343849808401a9d4d713407177d8c52bf16616508c1ebf4ee1f2d0df4e94"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CommunityStreamInvitees"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"liveStream"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"invitedUsers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]}}]} as unknown as DocumentNode<CommunityStreamInviteesQuery, CommunityStreamInviteesQueryVariables>;
export const CommunityStartLiveStreamDocument = {"__meta__":{"hash":"sha256:a7d47c3226d527200e8c7483d017b3e7bf0db1b0770e9a247a48d39c261cd8b3"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CommunityStartLiveStream"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"streamId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startLiveStream"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"streamId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"streamId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}}]}}]}}]} as unknown as DocumentNode<CommunityStartLiveStreamMutation, CommunityStartLiveStreamMutationVariables>;
export const CommunityEndLiveStreamDocument = {"__meta__":{"hash":"sha256:e04cf05c43e5166b0499408948971831a0f0fa1c8dedee1e9122d987f77beb05"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CommunityEndLiveStream"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"streamId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"recordingUrl"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"endLiveStream"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"streamId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"streamId"}}},{"kind":"Argument","name":{"kind":"Name","value":"recordingUrl"},"value":{"kind":"Variable","name":{"kind":"Name","value":"recordingUrl"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"endedAt"}},{"kind":"Field","name":{"kind":"Name","value":"viewerCount"}},{"kind":"Field","name":{"kind":"Name","value":"maxViewers"}},{"kind":"Field","name":{"kind":"Name","value":"recordingUrl"}}]}}]}}]} as unknown as DocumentNode<CommunityEndLiveStreamMutation, CommunityEndLiveStreamMutationVariables>;
export const CommunityLiveStreamsDocument = {"__meta__":{"hash":"sha256:84944f0813a4b68e691043b6e3f0fd31dcdb719a912882d3f98d2971a2a80f58"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CommunityLiveStreams"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"LiveStreamFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"readerId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"liveStreams"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"readerId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"readerId"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"visibility"}},{"kind":"Field","name":{"kind":"Name","value":"viewerCount"}},{"kind":"Field","name":{"kind":"Name","value":"viewerHasAccess"}},{"kind":"Field","name":{"kind":"Name","value":"reader"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<CommunityLiveStreamsQuery, CommunityLiveStreamsQueryVariables>;
export const CommunityLiveStreamDocument = {"__meta__":{"hash":"sha256:8480a641cfd7caa172237283a796a00c1a0ba718b3f346e58fa5354d46b49469"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CommunityLiveStream"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"liveStream"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"viewerCount"}},{"kind":"Field","name":{"kind":"Name","value":"maxViewers"}},{"kind":"Field","name":{"kind":"Name","value":"viewerHasAccess"}},{"kind":"Field","name":{"kind":"Name","value":"recordingUrl"}}]}}]}}]} as unknown as DocumentNode<CommunityLiveStreamQuery, CommunityLiveStreamQueryVariables>;
export const CommunityLiveStreamTokenDocument = {"__meta__":{"hash":"sha256:899cf7ae81955718a737bbcd6bcccf4faa1ed583cd120e305e96e4e275045183"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CommunityLiveStreamToken"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"streamId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"liveStreamToken"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"streamId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"streamId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"roomName"}},{"kind":"Field","name":{"kind":"Name","value":"identity"}},{"kind":"Field","name":{"kind":"Name","value":"canPublish"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"paidCents"}}]}}]}}]} as unknown as DocumentNode<CommunityLiveStreamTokenMutation, CommunityLiveStreamTokenMutationVariables>;
export const CommunityJoinLiveStreamDocument = {"__meta__":{"hash":"sha256:b42804881bbf749664308d98801b950d0ad53c5f954f6d937e2b91ad6e293115"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CommunityJoinLiveStream"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"streamId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"joinLiveStream"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"streamId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"streamId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"viewerCount"}},{"kind":"Field","name":{"kind":"Name","value":"maxViewers"}}]}}]}}]} as unknown as DocumentNode<CommunityJoinLiveStreamMutation, CommunityJoinLiveStreamMutationVariables>;
export const CommunityLeaveLiveStreamDocument = {"__meta__":{"hash":"sha256:32f4410fba0649f5238285261c86ff4220bbf1d477b7d12bdce7859eb2bef48a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CommunityLeaveLiveStream"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"streamId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"leaveLiveStream"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"streamId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"streamId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"viewerCount"}},{"kind":"Field","name":{"kind":"Name","value":"maxViewers"}}]}}]}}]} as unknown as DocumentNode<CommunityLeaveLiveStreamMutation, CommunityLeaveLiveStreamMutationVariables>;
export const CommunitySendStreamMessageDocument = {"__meta__":{"hash":"sha256:b38351f214953dcd30a323dcc1f575d3b442217340187febf7a968f9926a3b1c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CommunitySendStreamMessage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"streamId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"message"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sendStreamMessage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"streamId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"streamId"}}},{"kind":"Argument","name":{"kind":"Name","value":"message"},"value":{"kind":"Variable","name":{"kind":"Name","value":"message"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"sender"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<CommunitySendStreamMessageMutation, CommunitySendStreamMessageMutationVariables>;
export const CommunityStreamUpdatedDocument = {"__meta__":{"hash":"sha256:d93250e2d259a3b46d183316c14f7de63c7367e90dce43e2b82bb7e5d18f92d6"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"CommunityStreamUpdated"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"streamId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"streamUpdated"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"streamId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"streamId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"viewerCount"}}]}}]}}]} as unknown as DocumentNode<CommunityStreamUpdatedSubscription, CommunityStreamUpdatedSubscriptionVariables>;
export const CommunityStreamEventsDocument = {"__meta__":{"hash":"sha256:874356d69ceaf617921827faa5e2c2f045914ec1f4dea98bb343d1ab5d31f8bc"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"CommunityStreamEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"streamId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"streamEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"streamId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"streamId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"StreamGiftEvent"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"sender"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"gift"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"priceCents"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"StreamChatEvent"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","alias":{"kind":"Name","value":"text"},"name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"sender"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]}}]}}]} as unknown as DocumentNode<CommunityStreamEventsSubscription, CommunityStreamEventsSubscriptionVariables>;
export const CommunityLiveStreamsChangedDocument = {"__meta__":{"hash":"sha256:78b1ef0c57ad65912f4755c9e851ac1df0c42b185e3cdb694c12fe068a41de5e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"CommunityLiveStreamsChanged"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"liveStreamsChanged"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"visibility"}}]}}]}}]} as unknown as DocumentNode<CommunityLiveStreamsChangedSubscription, CommunityLiveStreamsChangedSubscriptionVariables>;
export const CommunityVirtualGiftsDocument = {"__meta__":{"hash":"sha256:8389f6f4c4d3d588b25edd82478c5f150d3df406f3da202e8082e4f0917c7454"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CommunityVirtualGifts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"includeInactive"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"virtualGifts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"includeInactive"},"value":{"kind":"Variable","name":{"kind":"Name","value":"includeInactive"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"priceCents"}},{"kind":"Field","name":{"kind":"Name","value":"imageUrl"}},{"kind":"Field","name":{"kind":"Name","value":"isActive"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<CommunityVirtualGiftsQuery, CommunityVirtualGiftsQueryVariables>;
export const CommunityCreateVirtualGiftDocument = {"__meta__":{"hash":"sha256:122f6d333e64f0ad2a73c6e18f2e196f80c8ae6390d5c8b0ee5433acba7c36fb"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CommunityCreateVirtualGift"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateVirtualGiftInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createVirtualGift"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"priceCents"}},{"kind":"Field","name":{"kind":"Name","value":"isActive"}}]}}]}}]} as unknown as DocumentNode<CommunityCreateVirtualGiftMutation, CommunityCreateVirtualGiftMutationVariables>;
export const CommunityUpdateVirtualGiftDocument = {"__meta__":{"hash":"sha256:d360dd41cf94c4ba74c41e20101bc084df29be34fb3934205e056f295626faf9"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CommunityUpdateVirtualGift"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateVirtualGiftInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateVirtualGift"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"priceCents"}},{"kind":"Field","name":{"kind":"Name","value":"isActive"}}]}}]}}]} as unknown as DocumentNode<CommunityUpdateVirtualGiftMutation, CommunityUpdateVirtualGiftMutationVariables>;
export const CommunityDeactivateVirtualGiftDocument = {"__meta__":{"hash":"sha256:59cb72e6e46049105bcb8bafa9b7b0ec70596d6dcfa9babffb62c5f0dc1fb687"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CommunityDeactivateVirtualGift"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deactivateVirtualGift"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"isActive"}}]}}]}}]} as unknown as DocumentNode<CommunityDeactivateVirtualGiftMutation, CommunityDeactivateVirtualGiftMutationVariables>;
export const CommunitySendGiftDocument = {"__meta__":{"hash":"sha256:4c95654bac10da6be57b505e0c28da87119d74925c049a58ae5d1af90a67dd7a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CommunitySendGift"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SendGiftInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sendGift"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"replayed"}},{"kind":"Field","name":{"kind":"Name","value":"gift"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"priceCents"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"streamId"}},{"kind":"Field","name":{"kind":"Name","value":"sessionId"}},{"kind":"Field","name":{"kind":"Name","value":"sender"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reader"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"virtualGift"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<CommunitySendGiftMutation, CommunitySendGiftMutationVariables>;
export const CommunityGiftLeaderboardDocument = {"__meta__":{"hash":"sha256:e4b190d14853be9474a5390b2a479f95d3df1c504337dfc92236ab801a615ebf"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CommunityGiftLeaderboard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"streamId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"readerId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"giftLeaderboard"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"streamId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"streamId"}}},{"kind":"Argument","name":{"kind":"Name","value":"readerId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"readerId"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"totalCents"}},{"kind":"Field","name":{"kind":"Name","value":"giftCount"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"sender"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]}}]} as unknown as DocumentNode<CommunityGiftLeaderboardQuery, CommunityGiftLeaderboardQueryVariables>;
export const CommunityReaderGiftTotalsDocument = {"__meta__":{"hash":"sha256:d0f28e27f1d47bf80f7a4a9ce5e812dd3d85d4603afe0b5c7fd2c916f8a53d23"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CommunityReaderGiftTotals"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reader"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"giftTotals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"giftCount"}},{"kind":"Field","name":{"kind":"Name","value":"totalCents"}},{"kind":"Field","name":{"kind":"Name","value":"streamCents"}},{"kind":"Field","name":{"kind":"Name","value":"sessionCents"}}]}}]}}]}}]} as unknown as DocumentNode<CommunityReaderGiftTotalsQuery, CommunityReaderGiftTotalsQueryVariables>;
export const UserEmailDocument = {"__meta__":{"hash":"sha256:00e62576109c8748be13a5a94475228b340b7040990ccee44e98eb3fe91de9a6"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"UserEmail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}}]}}]} as unknown as DocumentNode<UserEmailQuery, UserEmailQueryVariables>;
export const ReaderNamesDocument = {"__meta__":{"hash":"sha256:a0330333a7a7c501352181edd668512377cc87c08fa69813875e490e525f6843"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ReaderNames"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"readers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"headline"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ReaderNamesQuery, ReaderNamesQueryVariables>;
export const NotificationsDocument = {"__meta__":{"hash":"sha256:a74fdcd4bc3efd6f2e4d7abecb9998534ee3173e5efccc2cccdcc36cb3e29762"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Notifications"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"unreadOnly"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"notifications"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"unreadOnly"},"value":{"kind":"Variable","name":{"kind":"Name","value":"unreadOnly"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unreadCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"NotificationFields"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"NotificationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Notification"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"data"}},{"kind":"Field","name":{"kind":"Name","value":"read"}},{"kind":"Field","name":{"kind":"Name","value":"readAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<NotificationsQuery, NotificationsQueryVariables>;
export const MarkNotificationsReadDocument = {"__meta__":{"hash":"sha256:8e7e77d8fd7d310882bea2c36bb8a1b3dc164d213a5b353fc07f6f4c2acddc40"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"MarkNotificationsRead"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MarkNotificationsReadInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"markNotificationsRead"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updated"}},{"kind":"Field","name":{"kind":"Name","value":"unreadCount"}}]}}]}}]} as unknown as DocumentNode<MarkNotificationsReadMutation, MarkNotificationsReadMutationVariables>;
export const NotificationAddedDocument = {"__meta__":{"hash":"sha256:4b1ec4952473d7c610974a3e84aad14bfd07cdb09a50c208fd11f138aedffb1c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"NotificationAdded"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"notificationAdded"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"NotificationFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"NotificationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Notification"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"data"}},{"kind":"Field","name":{"kind":"Name","value":"read"}},{"kind":"Field","name":{"kind":"Name","value":"readAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<NotificationAddedSubscription, NotificationAddedSubscriptionVariables>;
export const NotificationPreferencesDocument = {"__meta__":{"hash":"sha256:869a3f09ae6134e85fc4a31d0dac9b9a7b9e83e839139086a40287910cd3ac2a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NotificationPreferences"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"notificationPreferences"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"entries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"editable"}}]}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}},{"kind":"Field","name":{"kind":"Name","value":"quietHours"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"end"}}]}}]}}]}}]} as unknown as DocumentNode<NotificationPreferencesQuery, NotificationPreferencesQueryVariables>;
export const UpdateNotificationPreferencesDocument = {"__meta__":{"hash":"sha256:7ef5d92dfd4d051de15f10e5e3933c3e623a2a89ce1a29ca61d9ab74e29d619d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateNotificationPreferences"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateNotificationPreferencesInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateNotificationPreferences"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"entries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"editable"}}]}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}},{"kind":"Field","name":{"kind":"Name","value":"quietHours"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"end"}}]}}]}}]}}]} as unknown as DocumentNode<UpdateNotificationPreferencesMutation, UpdateNotificationPreferencesMutationVariables>;
export const UnsubscribeNotificationsDocument = {"__meta__":{"hash":"sha256:d49e75fb88613a0fe393debf4340dc56f32e371bd0a18bd1f8119ac214e6cb5e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UnsubscribeNotifications"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"token"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unsubscribeNotifications"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"token"},"value":{"kind":"Variable","name":{"kind":"Name","value":"token"}}}]}]}}]} as unknown as DocumentNode<UnsubscribeNotificationsMutation, UnsubscribeNotificationsMutationVariables>;
export const VapidPublicKeyDocument = {"__meta__":{"hash":"sha256:602606b043a67c582b1ab4bd4ac7b5ba148a38655e0b861b818ed3db33d53aa4"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"VapidPublicKey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"vapidPublicKey"}}]}}]} as unknown as DocumentNode<VapidPublicKeyQuery, VapidPublicKeyQueryVariables>;
export const RegisterWebPushSubscriptionDocument = {"__meta__":{"hash":"sha256:30d5c1955e9667a099606ad003b91779bfadb90c3e082a8d779874ad8f39c647"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RegisterWebPushSubscription"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RegisterWebPushSubscriptionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registerWebPushSubscription"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}]}]}}]} as unknown as DocumentNode<RegisterWebPushSubscriptionMutation, RegisterWebPushSubscriptionMutationVariables>;
export const UnregisterWebPushSubscriptionDocument = {"__meta__":{"hash":"sha256:a8f47ca3ab69ea74243850cc9158a0f2c0c11e4f34d1d6c8bf57b793775edb7e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UnregisterWebPushSubscription"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"endpoint"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unregisterWebPushSubscription"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"endpoint"},"value":{"kind":"Variable","name":{"kind":"Name","value":"endpoint"}}}]}]}}]} as unknown as DocumentNode<UnregisterWebPushSubscriptionMutation, UnregisterWebPushSubscriptionMutationVariables>;
export const WalletDocument = {"__meta__":{"hash":"sha256:21b225e03ddfd685aec817c33da70f004a8b1630d7251d9c4ec3dc74691884e5"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Wallet"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"wallet"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"balanceCents"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"hasSavedCard"}},{"kind":"Field","name":{"kind":"Name","value":"autoReload"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"thresholdCents"}},{"kind":"Field","name":{"kind":"Name","value":"amountCents"}},{"kind":"Field","name":{"kind":"Name","value":"armed"}}]}}]}}]}}]} as unknown as DocumentNode<WalletQuery, WalletQueryVariables>;
export const TopUpOptionsDocument = {"__meta__":{"hash":"sha256:4de06a5c1b1c6f81cd127ce698193492f64b81233ff189387ce5c4cc7a2fd8cf"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TopUpOptions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"topUpOptions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"minimumCents"}},{"kind":"Field","name":{"kind":"Name","value":"maximumCents"}},{"kind":"Field","name":{"kind":"Name","value":"presetsCents"}},{"kind":"Field","name":{"kind":"Name","value":"cardPaymentsEnabled"}}]}}]}}]} as unknown as DocumentNode<TopUpOptionsQuery, TopUpOptionsQueryVariables>;
export const TransactionsDocument = {"__meta__":{"hash":"sha256:df9cab11cc4af3b39c87026f9cd0209755444bdebb257f0dbf80f5ed8341db5f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Transactions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"types"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TransactionType"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"allUsers"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"transactions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"types"},"value":{"kind":"Variable","name":{"kind":"Name","value":"types"}}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}},{"kind":"Argument","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}},{"kind":"Argument","name":{"kind":"Name","value":"allUsers"},"value":{"kind":"Variable","name":{"kind":"Name","value":"allUsers"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"amountCents"}},{"kind":"Field","name":{"kind":"Name","value":"readerShareCents"}},{"kind":"Field","name":{"kind":"Name","value":"platformShareCents"}},{"kind":"Field","name":{"kind":"Name","value":"sessionId"}},{"kind":"Field","name":{"kind":"Name","value":"sessionMinute"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<TransactionsQuery, TransactionsQueryVariables>;
export const CreateTopUpDocument = {"__meta__":{"hash":"sha256:343a7b664ac12133c4ba7b078cf1a4f3b5bc863f256212176cff8121e658fd16"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateTopUp"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateTopUpInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createTopUp"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"clientSecret"}},{"kind":"Field","name":{"kind":"Name","value":"topUp"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"amountCents"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"paymentIntentId"}}]}}]}}]}}]} as unknown as DocumentNode<CreateTopUpMutation, CreateTopUpMutationVariables>;
export const TopUpsDocument = {"__meta__":{"hash":"sha256:3c3dff8ed6ca6a10e83a6f4174e691bd404fd83102c6a6abead3489715171b28"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TopUps"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"topUps"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"amountCents"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"isAutoReload"}},{"kind":"Field","name":{"kind":"Name","value":"failureReason"}}]}}]}}]}}]}}]} as unknown as DocumentNode<TopUpsQuery, TopUpsQueryVariables>;
export const SetAutoReloadDocument = {"__meta__":{"hash":"sha256:2be09a36aa8fcdd6516d3cb1f5561da07628e242c3e164f1145d1af1104d4ef9"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetAutoReload"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SetAutoReloadInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setAutoReload"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"balanceCents"}},{"kind":"Field","name":{"kind":"Name","value":"hasSavedCard"}},{"kind":"Field","name":{"kind":"Name","value":"autoReload"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"thresholdCents"}},{"kind":"Field","name":{"kind":"Name","value":"amountCents"}},{"kind":"Field","name":{"kind":"Name","value":"armed"}}]}}]}}]}}]} as unknown as DocumentNode<SetAutoReloadMutation, SetAutoReloadMutationVariables>;
export const AdjustBalanceDocument = {"__meta__":{"hash":"sha256:ad727dca91344c8018a5018ea3cadab268176266a279a78583f0054e2f0da46d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AdjustBalance"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AdjustBalanceInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"adjustBalance"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"balanceCents"}},{"kind":"Field","name":{"kind":"Name","value":"replayed"}},{"kind":"Field","name":{"kind":"Name","value":"transaction"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"amountCents"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]}}]} as unknown as DocumentNode<AdjustBalanceMutation, AdjustBalanceMutationVariables>;
export const ReaderEarningsDocument = {"__meta__":{"hash":"sha256:a7b981c8adcce13632e8e8c4b417bb945f17ec30f656edf7265ba2c97b806904"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ReaderEarnings"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"readerId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"readerEarnings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"readerId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"readerId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"readerId"}},{"kind":"Field","name":{"kind":"Name","value":"todayCents"}},{"kind":"Field","name":{"kind":"Name","value":"weekCents"}},{"kind":"Field","name":{"kind":"Name","value":"monthCents"}},{"kind":"Field","name":{"kind":"Name","value":"lifetimeCents"}},{"kind":"Field","name":{"kind":"Name","value":"availableCents"}},{"kind":"Field","name":{"kind":"Name","value":"pendingPayoutCents"}},{"kind":"Field","name":{"kind":"Name","value":"paidOutCents"}},{"kind":"Field","name":{"kind":"Name","value":"giftsCents"}},{"kind":"Field","name":{"kind":"Name","value":"giftsCount"}}]}}]}}]} as unknown as DocumentNode<ReaderEarningsQuery, ReaderEarningsQueryVariables>;
export const CreatePayoutAccountLinkDocument = {"__meta__":{"hash":"sha256:eab0c87e5066d706107dc019e0ba6980bb4624ecc8fb70418937f5736c4973c5"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreatePayoutAccountLink"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PayoutAccountLinkInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createPayoutAccountLink"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"stripeAccountId"}}]}}]}}]} as unknown as DocumentNode<CreatePayoutAccountLinkMutation, CreatePayoutAccountLinkMutationVariables>;
export const RequestPayoutDocument = {"__meta__":{"hash":"sha256:36e9f3cf0263ac44af0cd8dc3a1d35b20c0969d7dbcf0980c63825f1f755b73c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RequestPayout"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RequestPayoutInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestPayout"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"readerId"}},{"kind":"Field","name":{"kind":"Name","value":"amountCents"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"stripeTransferId"}},{"kind":"Field","name":{"kind":"Name","value":"failureReason"}}]}}]}}]} as unknown as DocumentNode<RequestPayoutMutation, RequestPayoutMutationVariables>;
export const PayoutsDocument = {"__meta__":{"hash":"sha256:25202cbfa83cbff6525ebc6b91a13327b77eaa70dc7a7f78629cd3fe1c05e858"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Payouts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"readerId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"payouts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}},{"kind":"Argument","name":{"kind":"Name","value":"readerId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"readerId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"readerId"}},{"kind":"Field","name":{"kind":"Name","value":"amountCents"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"failureReason"}}]}}]}}]}}]}}]} as unknown as DocumentNode<PayoutsQuery, PayoutsQueryVariables>;
export const RefundSessionDocument = {"__meta__":{"hash":"sha256:4e3c6d57132967e66c1f37dfc1ce340448a0c729c3257c09c616dd8b24eab616"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RefundSession"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RefundSessionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"refundSession"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"amountCents"}},{"kind":"Field","name":{"kind":"Name","value":"readerShareCents"}},{"kind":"Field","name":{"kind":"Name","value":"platformShareCents"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]} as unknown as DocumentNode<RefundSessionMutation, RefundSessionMutationVariables>;
export const ReconciliationReportDocument = {"__meta__":{"hash":"sha256:c692f1359a42780aebad0524663c4bc72c913766dee96979dbc94ca833ffc831"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ReconciliationReport"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reconciliationReport"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"checks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"check"}},{"kind":"Field","name":{"kind":"Name","value":"differences"}},{"kind":"Field","name":{"kind":"Name","value":"sample"}}]}},{"kind":"Field","name":{"kind":"Name","value":"totals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"walletsCents"}},{"kind":"Field","name":{"kind":"Name","value":"earningsCents"}},{"kind":"Field","name":{"kind":"Name","value":"platformRevenueCents"}},{"kind":"Field","name":{"kind":"Name","value":"stripeClearingCents"}},{"kind":"Field","name":{"kind":"Name","value":"payoutsClearingCents"}},{"kind":"Field","name":{"kind":"Name","value":"refundsCents"}},{"kind":"Field","name":{"kind":"Name","value":"adjustmentsCents"}}]}}]}}]}}]} as unknown as DocumentNode<ReconciliationReportQuery, ReconciliationReportQueryVariables>;
export const WalletUpdatedDocument = {"__meta__":{"hash":"sha256:8c199d8c40a5734599aa9e955aeb0452567f55d33a6a24941d608fb3a9a7a8d7"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"WalletUpdated"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"walletUpdated"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"balanceCents"}},{"kind":"Field","name":{"kind":"Name","value":"cause"}},{"kind":"Field","name":{"kind":"Name","value":"lowBalance"}},{"kind":"Field","name":{"kind":"Name","value":"transaction"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}}]}}]}}]}}]} as unknown as DocumentNode<WalletUpdatedSubscription, WalletUpdatedSubscriptionVariables>;
export const LedgerAccountsDocument = {"__meta__":{"hash":"sha256:da041155e60ab3929fc21fc0ebaf28aeb8045a3b61433da79db43dfe4860732c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"LedgerAccounts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kind"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"LedgerAccountKind"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ledgerAccounts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kind"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"balanceCents"}},{"kind":"Field","name":{"kind":"Name","value":"allowNegative"}}]}}]}}]}}]}}]} as unknown as DocumentNode<LedgerAccountsQuery, LedgerAccountsQueryVariables>;
export const RefundWalletBalanceDocument = {"__meta__":{"hash":"sha256:48d4d2bcba60645ddb07f62b4e3e6239800461130939d42e0e680b4ef2822c88"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RefundWalletBalance"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RefundWalletBalanceInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"refundWalletBalance"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"balanceCents"}},{"kind":"Field","name":{"kind":"Name","value":"replayed"}},{"kind":"Field","name":{"kind":"Name","value":"walletRefund"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"amountCents"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"requestedById"}},{"kind":"Field","name":{"kind":"Name","value":"parts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"topUpId"}},{"kind":"Field","name":{"kind":"Name","value":"paymentIntentId"}},{"kind":"Field","name":{"kind":"Name","value":"amountCents"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"stripeRefundId"}},{"kind":"Field","name":{"kind":"Name","value":"stripeStatus"}},{"kind":"Field","name":{"kind":"Name","value":"failureReason"}},{"kind":"Field","name":{"kind":"Name","value":"transaction"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"amountCents"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}},{"kind":"Field","name":{"kind":"Name","value":"restoreTransaction"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"amountCents"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<RefundWalletBalanceMutation, RefundWalletBalanceMutationVariables>;
export const WalletRefundsDocument = {"__meta__":{"hash":"sha256:6829d9ada5b3e259017f28819aefc78ec9c8f02cfed6ba3510867dc191f02b74"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WalletRefunds"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"walletRefunds"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}},{"kind":"Argument","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"amountCents"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"parts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"paymentIntentId"}},{"kind":"Field","name":{"kind":"Name","value":"amountCents"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<WalletRefundsQuery, WalletRefundsQueryVariables>;
export const OrderCardRefundsDocument = {"__meta__":{"hash":"sha256:f481a26123741e4ae396cca1266c9791468ac0fbe78781d220737f973d8e87e4"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OrderCardRefunds"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"CardRefundStatus"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orderCardRefunds"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}},{"kind":"Argument","name":{"kind":"Name","value":"orderId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderId"}}},{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"orderId"}},{"kind":"Field","name":{"kind":"Name","value":"paymentIntentId"}},{"kind":"Field","name":{"kind":"Name","value":"amountCents"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"stripeRefundId"}},{"kind":"Field","name":{"kind":"Name","value":"stripeStatus"}},{"kind":"Field","name":{"kind":"Name","value":"failureReason"}},{"kind":"Field","name":{"kind":"Name","value":"transaction"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"amountCents"}}]}},{"kind":"Field","name":{"kind":"Name","value":"walletCreditTransaction"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"amountCents"}},{"kind":"Field","name":{"kind":"Name","value":"type"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<OrderCardRefundsQuery, OrderCardRefundsQueryVariables>;
export const DataExportsDocument = {"__meta__":{"hash":"sha256:91ca8a94cd3df52a55a6795e97a3aced58b9ea73537d6360c74cc815ad0e77f6"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DataExports"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dataExports"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"readyAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"content"}}]}}]}}]} as unknown as DocumentNode<DataExportsQuery, DataExportsQueryVariables>;
export const RequestDataExportDocument = {"__meta__":{"hash":"sha256:e0953424ed51d86ee89010dfec2be86e4d06d76594a848fd4a8f9b59b0e2b378"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RequestDataExport"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestDataExport"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}}]}}]} as unknown as DocumentNode<RequestDataExportMutation, RequestDataExportMutationVariables>;
export const DeleteAccountDocument = {"__meta__":{"hash":"sha256:c6400842af387e2ce9b8700b40f57f21c0e8d3fce2281f528b4a58db4718f36e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteAccount"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DeleteAccountInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteAccount"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}]}]}}]} as unknown as DocumentNode<DeleteAccountMutation, DeleteAccountMutationVariables>;
export const ReadersDocument = {"__meta__":{"hash":"sha256:f28314c0ea5ca3cb59af80e1a26fdc811d1e8fd4534543907e18f955e1fa0416"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Readers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ReaderFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sort"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ReaderSort"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"readers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"sort"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sort"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"headline"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"specialties"}},{"kind":"Field","name":{"kind":"Name","value":"lowestRateCents"}},{"kind":"Field","name":{"kind":"Name","value":"averageRating"}},{"kind":"Field","name":{"kind":"Name","value":"rates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sessionType"}},{"kind":"Field","name":{"kind":"Name","value":"ratePerMinuteCents"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<ReadersQuery, ReadersQueryVariables>;
export const ReaderPageDocument = {"__meta__":{"hash":"sha256:c10c5d4a9c5ddb10ae66c6c65d3dab7ae723cf3d11e8bf01f8a580239ad07d3f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ReaderPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reader"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}}]}}]}}]} as unknown as DocumentNode<ReaderPageQuery, ReaderPageQueryVariables>;
export const RequestSessionDocument = {"__meta__":{"hash":"sha256:96cd5463fce965eb1aed3d5cf856db45952e741ff07a83d6d9b1efb451ea881a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RequestSession"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RequestSessionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestSession"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SessionFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SessionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Session"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"roomName"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"ratePerMinuteCents"}},{"kind":"Field","name":{"kind":"Name","value":"requestedAt"}},{"kind":"Field","name":{"kind":"Name","value":"acceptedAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"endedAt"}},{"kind":"Field","name":{"kind":"Name","value":"endReason"}},{"kind":"Field","name":{"kind":"Name","value":"clientConnected"}},{"kind":"Field","name":{"kind":"Name","value":"readerConnected"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"billedMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"totalCostCents"}},{"kind":"Field","name":{"kind":"Name","value":"prepaidMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"bookingCreditId"}},{"kind":"Field","name":{"kind":"Name","value":"client"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reader"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]} as unknown as DocumentNode<RequestSessionMutation, RequestSessionMutationVariables>;
export const AcceptSessionDocument = {"__meta__":{"hash":"sha256:fa56980ce1425a7c3fc77293440c9170a257b288c0fc9d7872de179b82129336"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AcceptSession"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sessionId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"acceptSession"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"sessionId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sessionId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SessionFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SessionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Session"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"roomName"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"ratePerMinuteCents"}},{"kind":"Field","name":{"kind":"Name","value":"requestedAt"}},{"kind":"Field","name":{"kind":"Name","value":"acceptedAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"endedAt"}},{"kind":"Field","name":{"kind":"Name","value":"endReason"}},{"kind":"Field","name":{"kind":"Name","value":"clientConnected"}},{"kind":"Field","name":{"kind":"Name","value":"readerConnected"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"billedMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"totalCostCents"}},{"kind":"Field","name":{"kind":"Name","value":"prepaidMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"bookingCreditId"}},{"kind":"Field","name":{"kind":"Name","value":"client"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reader"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]} as unknown as DocumentNode<AcceptSessionMutation, AcceptSessionMutationVariables>;
export const DeclineSessionDocument = {"__meta__":{"hash":"sha256:cea51bb8a7cf43d3cd4fcf959bb597c95ab428f4b5dc48e8763034ed374108f1"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeclineSession"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sessionId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"declineSession"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"sessionId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sessionId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SessionFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SessionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Session"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"roomName"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"ratePerMinuteCents"}},{"kind":"Field","name":{"kind":"Name","value":"requestedAt"}},{"kind":"Field","name":{"kind":"Name","value":"acceptedAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"endedAt"}},{"kind":"Field","name":{"kind":"Name","value":"endReason"}},{"kind":"Field","name":{"kind":"Name","value":"clientConnected"}},{"kind":"Field","name":{"kind":"Name","value":"readerConnected"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"billedMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"totalCostCents"}},{"kind":"Field","name":{"kind":"Name","value":"prepaidMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"bookingCreditId"}},{"kind":"Field","name":{"kind":"Name","value":"client"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reader"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]} as unknown as DocumentNode<DeclineSessionMutation, DeclineSessionMutationVariables>;
export const CancelSessionDocument = {"__meta__":{"hash":"sha256:0dd82ffbe060dc07cb2b2f176eb974e8c494ec843d2716468163f4c9a28d021c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CancelSession"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sessionId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelSession"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"sessionId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sessionId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SessionFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SessionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Session"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"roomName"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"ratePerMinuteCents"}},{"kind":"Field","name":{"kind":"Name","value":"requestedAt"}},{"kind":"Field","name":{"kind":"Name","value":"acceptedAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"endedAt"}},{"kind":"Field","name":{"kind":"Name","value":"endReason"}},{"kind":"Field","name":{"kind":"Name","value":"clientConnected"}},{"kind":"Field","name":{"kind":"Name","value":"readerConnected"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"billedMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"totalCostCents"}},{"kind":"Field","name":{"kind":"Name","value":"prepaidMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"bookingCreditId"}},{"kind":"Field","name":{"kind":"Name","value":"client"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reader"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]} as unknown as DocumentNode<CancelSessionMutation, CancelSessionMutationVariables>;
export const JoinSessionDocument = {"__meta__":{"hash":"sha256:24d4b883162932245ec576568551b75efd8b0dac0a65e1b0a858b823eba59dd0"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"JoinSession"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sessionId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"joinSession"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"sessionId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sessionId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SessionFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SessionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Session"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"roomName"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"ratePerMinuteCents"}},{"kind":"Field","name":{"kind":"Name","value":"requestedAt"}},{"kind":"Field","name":{"kind":"Name","value":"acceptedAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"endedAt"}},{"kind":"Field","name":{"kind":"Name","value":"endReason"}},{"kind":"Field","name":{"kind":"Name","value":"clientConnected"}},{"kind":"Field","name":{"kind":"Name","value":"readerConnected"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"billedMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"totalCostCents"}},{"kind":"Field","name":{"kind":"Name","value":"prepaidMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"bookingCreditId"}},{"kind":"Field","name":{"kind":"Name","value":"client"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reader"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]} as unknown as DocumentNode<JoinSessionMutation, JoinSessionMutationVariables>;
export const LeaveSessionDocument = {"__meta__":{"hash":"sha256:2f8ec7094f918ed402b20e341e007245458cacf4071ec17de42e5cf863be8793"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"LeaveSession"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sessionId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"leaveSession"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"sessionId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sessionId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SessionFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SessionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Session"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"roomName"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"ratePerMinuteCents"}},{"kind":"Field","name":{"kind":"Name","value":"requestedAt"}},{"kind":"Field","name":{"kind":"Name","value":"acceptedAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"endedAt"}},{"kind":"Field","name":{"kind":"Name","value":"endReason"}},{"kind":"Field","name":{"kind":"Name","value":"clientConnected"}},{"kind":"Field","name":{"kind":"Name","value":"readerConnected"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"billedMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"totalCostCents"}},{"kind":"Field","name":{"kind":"Name","value":"prepaidMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"bookingCreditId"}},{"kind":"Field","name":{"kind":"Name","value":"client"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reader"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]} as unknown as DocumentNode<LeaveSessionMutation, LeaveSessionMutationVariables>;
export const EndSessionDocument = {"__meta__":{"hash":"sha256:144b9e75960cbf68119961cfd45ffb0db9653b6c2accb47dbada29d889db8190"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EndSession"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sessionId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"endSession"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"sessionId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sessionId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SessionFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SessionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Session"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"roomName"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"ratePerMinuteCents"}},{"kind":"Field","name":{"kind":"Name","value":"requestedAt"}},{"kind":"Field","name":{"kind":"Name","value":"acceptedAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"endedAt"}},{"kind":"Field","name":{"kind":"Name","value":"endReason"}},{"kind":"Field","name":{"kind":"Name","value":"clientConnected"}},{"kind":"Field","name":{"kind":"Name","value":"readerConnected"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"billedMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"totalCostCents"}},{"kind":"Field","name":{"kind":"Name","value":"prepaidMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"bookingCreditId"}},{"kind":"Field","name":{"kind":"Name","value":"client"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reader"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]} as unknown as DocumentNode<EndSessionMutation, EndSessionMutationVariables>;
export const SessionDocument = {"__meta__":{"hash":"sha256:d9e165063574b78e525efe2d2c026dd305bb014dea647f985b912b3851ef0182"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Session"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"session"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SessionFields"}},{"kind":"Field","name":{"kind":"Name","value":"meter"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"elapsedSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"billedMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"costCents"}},{"kind":"Field","name":{"kind":"Name","value":"balanceCents"}},{"kind":"Field","name":{"kind":"Name","value":"affordableMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"prepaidMinutesLeft"}},{"kind":"Field","name":{"kind":"Name","value":"lowBalance"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SessionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Session"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"roomName"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"ratePerMinuteCents"}},{"kind":"Field","name":{"kind":"Name","value":"requestedAt"}},{"kind":"Field","name":{"kind":"Name","value":"acceptedAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"endedAt"}},{"kind":"Field","name":{"kind":"Name","value":"endReason"}},{"kind":"Field","name":{"kind":"Name","value":"clientConnected"}},{"kind":"Field","name":{"kind":"Name","value":"readerConnected"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"billedMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"totalCostCents"}},{"kind":"Field","name":{"kind":"Name","value":"prepaidMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"bookingCreditId"}},{"kind":"Field","name":{"kind":"Name","value":"client"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reader"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]} as unknown as DocumentNode<SessionQuery, SessionQueryVariables>;
export const MySessionsDocument = {"__meta__":{"hash":"sha256:8031581f8b6a6fddc7110a1d9ef5aacbfa8fdc5dcbac2305d37af220d8e3eac0"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MySessions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SessionStatus"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mySessions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SessionFields"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SessionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Session"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"roomName"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"ratePerMinuteCents"}},{"kind":"Field","name":{"kind":"Name","value":"requestedAt"}},{"kind":"Field","name":{"kind":"Name","value":"acceptedAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"endedAt"}},{"kind":"Field","name":{"kind":"Name","value":"endReason"}},{"kind":"Field","name":{"kind":"Name","value":"clientConnected"}},{"kind":"Field","name":{"kind":"Name","value":"readerConnected"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"billedMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"totalCostCents"}},{"kind":"Field","name":{"kind":"Name","value":"prepaidMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"bookingCreditId"}},{"kind":"Field","name":{"kind":"Name","value":"client"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reader"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]} as unknown as DocumentNode<MySessionsQuery, MySessionsQueryVariables>;
export const SessionTokenDocument = {"__meta__":{"hash":"sha256:b58fb260c44f9dbb738b205f51b22a2ce28ff267f8f2102c63dab3e8eb61663f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SessionToken"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sessionId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sessionToken"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"sessionId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sessionId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"room"}},{"kind":"Field","name":{"kind":"Name","value":"identity"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"canPublishAudio"}},{"kind":"Field","name":{"kind":"Name","value":"canPublishVideo"}},{"kind":"Field","name":{"kind":"Name","value":"canPublishData"}}]}}]}}]} as unknown as DocumentNode<SessionTokenQuery, SessionTokenQueryVariables>;
export const SendSessionMessageDocument = {"__meta__":{"hash":"sha256:c74dde8b9eccca4ad65d1443848d2437bcded6d22f905b8d0df39c9b616947b9"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SendSessionMessage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SendSessionMessageInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sendSessionMessage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"seq"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"clientKey"}},{"kind":"Field","name":{"kind":"Name","value":"sender"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]} as unknown as DocumentNode<SendSessionMessageMutation, SendSessionMessageMutationVariables>;
export const SessionTranscriptDocument = {"__meta__":{"hash":"sha256:118cb947c0424c8212b26d50ee301f2a4b12063c59a9598c712e09a87664cf3c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SessionTranscript"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"session"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"messages"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"seq"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"sender"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<SessionTranscriptQuery, SessionTranscriptQueryVariables>;
export const CreateReviewDocument = {"__meta__":{"hash":"sha256:86d6eb2aeea12f7b1f70548fee0cd2ffcee397075fb7901f39a3a326db6601da"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateReview"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateReviewInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createReview"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"rating"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"sessionId"}}]}}]}}]} as unknown as DocumentNode<CreateReviewMutation, CreateReviewMutationVariables>;
export const ReplyToReviewDocument = {"__meta__":{"hash":"sha256:49429f946b14c6fa0230a68a9cc99db23791c4c81594f0ce258e77a6c7db7310"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReplyToReview"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reviewId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reply"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"replyToReview"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"reviewId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reviewId"}}},{"kind":"Argument","name":{"kind":"Name","value":"reply"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reply"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"readerReply"}},{"kind":"Field","name":{"kind":"Name","value":"repliedAt"}}]}}]}}]} as unknown as DocumentNode<ReplyToReviewMutation, ReplyToReviewMutationVariables>;
export const ReaderReviewsDocument = {"__meta__":{"hash":"sha256:b120eddfd0babeec06d692742e180194631c9d584e0ae87dedce64a13a149a40"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ReaderReviews"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"readerId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"readerReviews"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"readerId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"readerId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"rating"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"readerReply"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ReaderReviewsQuery, ReaderReviewsQueryVariables>;
export const SetAvailabilityDocument = {"__meta__":{"hash":"sha256:8a74b378a8081cfddd5f3dda9d5a65a705902b79b30c7bfec8fbc09d995a4ed9"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetAvailability"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SetAvailabilityInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setAvailability"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"dayOfWeek"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}},{"kind":"Field","name":{"kind":"Name","value":"endTime"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}},{"kind":"Field","name":{"kind":"Name","value":"recurring"}},{"kind":"Field","name":{"kind":"Name","value":"date"}}]}}]}}]} as unknown as DocumentNode<SetAvailabilityMutation, SetAvailabilityMutationVariables>;
export const ReaderAvailabilityDocument = {"__meta__":{"hash":"sha256:8d82c9789e0bcb92ad8968840120e971b54499f513a57f739929622d25ccac84"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ReaderAvailability"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"readerId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"readerAvailability"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"readerId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"readerId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"dayOfWeek"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}},{"kind":"Field","name":{"kind":"Name","value":"endTime"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}},{"kind":"Field","name":{"kind":"Name","value":"recurring"}},{"kind":"Field","name":{"kind":"Name","value":"date"}}]}}]}}]} as unknown as DocumentNode<ReaderAvailabilityQuery, ReaderAvailabilityQueryVariables>;
export const BookSessionDocument = {"__meta__":{"hash":"sha256:48156568e29d2ae953fdb3e8205b6ca969a713d7da69eb8d944dc03a5e9dce2b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"BookSession"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"BookSessionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bookSession"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SessionFields"}},{"kind":"Field","name":{"kind":"Name","value":"scheduledAt"}},{"kind":"Field","name":{"kind":"Name","value":"confirmedAt"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SessionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Session"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"roomName"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"ratePerMinuteCents"}},{"kind":"Field","name":{"kind":"Name","value":"requestedAt"}},{"kind":"Field","name":{"kind":"Name","value":"acceptedAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"endedAt"}},{"kind":"Field","name":{"kind":"Name","value":"endReason"}},{"kind":"Field","name":{"kind":"Name","value":"clientConnected"}},{"kind":"Field","name":{"kind":"Name","value":"readerConnected"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"billedMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"totalCostCents"}},{"kind":"Field","name":{"kind":"Name","value":"prepaidMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"bookingCreditId"}},{"kind":"Field","name":{"kind":"Name","value":"client"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reader"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]} as unknown as DocumentNode<BookSessionMutation, BookSessionMutationVariables>;
export const ConfirmBookingDocument = {"__meta__":{"hash":"sha256:c44d78fcbdb4307635c0b7ce743c6c11e34bcaa7a16b8303ce3e7f7edb8376ec"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConfirmBooking"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sessionId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"confirmBooking"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"sessionId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sessionId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"scheduledAt"}},{"kind":"Field","name":{"kind":"Name","value":"confirmedAt"}}]}}]}}]} as unknown as DocumentNode<ConfirmBookingMutation, ConfirmBookingMutationVariables>;
export const FavoriteReaderDocument = {"__meta__":{"hash":"sha256:e274e694e85cd500a43934f74571771f36805e6c274bc7be4534edce780f5888"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"FavoriteReader"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"readerId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"notifyOnline"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"favoriteReader"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"readerId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"readerId"}}},{"kind":"Argument","name":{"kind":"Name","value":"notifyOnline"},"value":{"kind":"Variable","name":{"kind":"Name","value":"notifyOnline"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"notifyOnline"}},{"kind":"Field","name":{"kind":"Name","value":"reader"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<FavoriteReaderMutation, FavoriteReaderMutationVariables>;
export const UnfavoriteReaderDocument = {"__meta__":{"hash":"sha256:e9f7612c5651650a78324ac7420e4d83613aafebdf784aee4bce62eed12976ca"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UnfavoriteReader"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"readerId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unfavoriteReader"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"readerId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"readerId"}}}]}]}}]} as unknown as DocumentNode<UnfavoriteReaderMutation, UnfavoriteReaderMutationVariables>;
export const MyFavoritesDocument = {"__meta__":{"hash":"sha256:c939360d23cb6a084f8a4285d4f0de76ef37ca21d1fe1a302b63f7a35f4c0a84"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyFavorites"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"myFavorites"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"notifyOnline"}},{"kind":"Field","name":{"kind":"Name","value":"reader"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<MyFavoritesQuery, MyFavoritesQueryVariables>;
export const SessionUpdatedDocument = {"__meta__":{"hash":"sha256:4a4b3e9fbc0f92f6baddf7fcd7a99cab6d7c281ff9779cf7ac5227ab9db75ce7"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"SessionUpdated"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sessionId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sessionUpdated"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"sessionId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sessionId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"lowBalanceWarning"}},{"kind":"Field","name":{"kind":"Name","value":"endReason"}},{"kind":"Field","name":{"kind":"Name","value":"participantId"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"meter"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"elapsedSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"billedMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"costCents"}},{"kind":"Field","name":{"kind":"Name","value":"balanceCents"}},{"kind":"Field","name":{"kind":"Name","value":"affordableMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"lowBalance"}}]}},{"kind":"Field","name":{"kind":"Name","value":"session"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"reader"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]}}]}}]} as unknown as DocumentNode<SessionUpdatedSubscription, SessionUpdatedSubscriptionVariables>;
export const SessionMessageAddedDocument = {"__meta__":{"hash":"sha256:5e3c7a6f7358cc716ad4543d6ea1f4e21a76a8af663d0041dfd9128e70035ed1"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"SessionMessageAdded"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sessionId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sessionMessageAdded"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"sessionId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sessionId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"seq"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"sender"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<SessionMessageAddedSubscription, SessionMessageAddedSubscriptionVariables>;
export const IncomingSessionRequestsDocument = {"__meta__":{"hash":"sha256:d89923f5ecf8b9f742762a7c350784549ec9d4edffb548998047460f02aad567"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"IncomingSessionRequests"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"incomingSessionRequests"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"ratePerMinuteCents"}},{"kind":"Field","name":{"kind":"Name","value":"client"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<IncomingSessionRequestsSubscription, IncomingSessionRequestsSubscriptionVariables>;
export const FavoriteReaderOnlineDocument = {"__meta__":{"hash":"sha256:1e0383c677f3be76cdaedbcc84b46e3f963c0c910ea33a285e66afa036b179d8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"FavoriteReaderOnline"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"favoriteReaderOnline"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<FavoriteReaderOnlineSubscription, FavoriteReaderOnlineSubscriptionVariables>;
export const FavoriteReaderWentLiveDocument = {"__meta__":{"hash":"sha256:3863e98c7f9fab54c42edb56cca578186d9c96d821a6d579321b3917b190ca72"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"FavoriteReaderWentLive"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"favoriteReaderWentLive"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"streamId"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"reader"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stream"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"visibility"}},{"kind":"Field","name":{"kind":"Name","value":"viewerHasAccess"}}]}}]}}]}}]} as unknown as DocumentNode<FavoriteReaderWentLiveSubscription, FavoriteReaderWentLiveSubscriptionVariables>;
export const VerifyEmailDocument = {"__meta__":{"hash":"sha256:8c380ebcab6825c9bd1e91c852d7d7c76a816a0a10362395b4c1e11c5b13d084"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"VerifyEmail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"token"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"code"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"verifyEmail"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"token"},"value":{"kind":"Variable","name":{"kind":"Name","value":"token"}}},{"kind":"Argument","name":{"kind":"Name","value":"code"},"value":{"kind":"Variable","name":{"kind":"Name","value":"code"}}}]}]}}]} as unknown as DocumentNode<VerifyEmailMutation, VerifyEmailMutationVariables>;
export const ResendVerificationEmailDocument = {"__meta__":{"hash":"sha256:7de627ef64132d929f3a40e9e84c56a8144581e2cf030fdc12ba49be44997537"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ResendVerificationEmail"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resendVerificationEmail"}}]}}]} as unknown as DocumentNode<ResendVerificationEmailMutation, ResendVerificationEmailMutationVariables>;
export const RequestPasswordResetDocument = {"__meta__":{"hash":"sha256:5ac89982dc149995bab85b93caab9976bbc3fd5994fbf4173153f8686dba9d72"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RequestPasswordReset"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"email"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestPasswordReset"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"email"},"value":{"kind":"Variable","name":{"kind":"Name","value":"email"}}}]}]}}]} as unknown as DocumentNode<RequestPasswordResetMutation, RequestPasswordResetMutationVariables>;
export const ResetPasswordDocument = {"__meta__":{"hash":"sha256:5c8ccf52fa6849e6130938f2b7f0898c8a9872b780ff44f891c84b38dd96fc24"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ResetPassword"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ResetPasswordInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resetPassword"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}]}]}}]} as unknown as DocumentNode<ResetPasswordMutation, ResetPasswordMutationVariables>;
export const ChangeEmailDocument = {"__meta__":{"hash":"sha256:fc2c4361bf34065f10fd466272d8a96eb686e3b4a026d2e0c94208d67fbb46e3"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ChangeEmail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeEmailInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changeEmail"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}]}]}}]} as unknown as DocumentNode<ChangeEmailMutation, ChangeEmailMutationVariables>;
export const ConfirmEmailChangeDocument = {"__meta__":{"hash":"sha256:25a1e59daafda1f9bcf6e5f5e227645aae0fa0a60ee194f2ce895ea56bf4c796"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConfirmEmailChange"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"token"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"confirmEmailChange"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"token"},"value":{"kind":"Variable","name":{"kind":"Name","value":"token"}}}]}]}}]} as unknown as DocumentNode<ConfirmEmailChangeMutation, ConfirmEmailChangeMutationVariables>;
export const EnableTwoFactorDocument = {"__meta__":{"hash":"sha256:09cd8279e3c80f4ec8fb4ad25e0f8ac4cb5d653f56826d6e68e5fe0e990b1c0b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EnableTwoFactor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enableTwoFactor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"secret"}},{"kind":"Field","name":{"kind":"Name","value":"otpauthUri"}}]}}]}}]} as unknown as DocumentNode<EnableTwoFactorMutation, EnableTwoFactorMutationVariables>;
export const ConfirmTwoFactorDocument = {"__meta__":{"hash":"sha256:e9f7a44a5a38e15b82534ca9806ff77f8b6805d34b343dc163d116ce4c632e10"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConfirmTwoFactor"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"code"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"confirmTwoFactor"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"code"},"value":{"kind":"Variable","name":{"kind":"Name","value":"code"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recoveryCodes"}}]}}]}}]} as unknown as DocumentNode<ConfirmTwoFactorMutation, ConfirmTwoFactorMutationVariables>;
export const DisableTwoFactorDocument = {"__meta__":{"hash":"sha256:f36df6f06a2487d444d9a984e134b95cb166331d241c5580c40292023912b6ae"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DisableTwoFactor"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"code"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"disableTwoFactor"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"code"},"value":{"kind":"Variable","name":{"kind":"Name","value":"code"}}}]}]}}]} as unknown as DocumentNode<DisableTwoFactorMutation, DisableTwoFactorMutationVariables>;
export const MySecurityDocument = {"__meta__":{"hash":"sha256:e5c2cb68ad6c02fc1aafb4fce35ef60c571cf0ab75e4e45ba3c293de5d37230b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MySecurity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"emailVerified"}},{"kind":"Field","name":{"kind":"Name","value":"twoFactorEnabled"}}]}}]}}]} as unknown as DocumentNode<MySecurityQuery, MySecurityQueryVariables>;
export const CreateProductDocument = {"__meta__":{"hash":"sha256:0b31eb73128eb336beecac10bc3852d5bd02fd7c92ce5ae2b5af26cc6a243dcc"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateProduct"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateProductInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createProduct"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ProductFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ProductFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Product"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"priceCents"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"sku"}},{"kind":"Field","name":{"kind":"Name","value":"stockQuantity"}},{"kind":"Field","name":{"kind":"Name","value":"inStock"}},{"kind":"Field","name":{"kind":"Name","value":"serviceSessionType"}},{"kind":"Field","name":{"kind":"Name","value":"serviceMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"images"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"featured"}},{"kind":"Field","name":{"kind":"Name","value":"soldByPlatform"}},{"kind":"Field","name":{"kind":"Name","value":"seller"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"fileKey"}},{"kind":"Field","name":{"kind":"Name","value":"stripeProductId"}},{"kind":"Field","name":{"kind":"Name","value":"stripePriceId"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<CreateProductMutation, CreateProductMutationVariables>;
export const UpdateProductDocument = {"__meta__":{"hash":"sha256:5cabf0bc3e1a00682d7c79d357c9a8930595974894195d375be0d7185af830d8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateProduct"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateProductInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateProduct"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ProductFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ProductFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Product"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"priceCents"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"sku"}},{"kind":"Field","name":{"kind":"Name","value":"stockQuantity"}},{"kind":"Field","name":{"kind":"Name","value":"inStock"}},{"kind":"Field","name":{"kind":"Name","value":"serviceSessionType"}},{"kind":"Field","name":{"kind":"Name","value":"serviceMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"images"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"featured"}},{"kind":"Field","name":{"kind":"Name","value":"soldByPlatform"}},{"kind":"Field","name":{"kind":"Name","value":"seller"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"fileKey"}},{"kind":"Field","name":{"kind":"Name","value":"stripeProductId"}},{"kind":"Field","name":{"kind":"Name","value":"stripePriceId"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<UpdateProductMutation, UpdateProductMutationVariables>;
export const ProductsDocument = {"__meta__":{"hash":"sha256:130ecc9cf8e0a71338b5a063733c6379beb0a52e3a33b4d239995ef4e759d30e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Products"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ProductFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sort"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ProductSort"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"products"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"sort"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sort"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ProductFields"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ProductFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Product"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"priceCents"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"sku"}},{"kind":"Field","name":{"kind":"Name","value":"stockQuantity"}},{"kind":"Field","name":{"kind":"Name","value":"inStock"}},{"kind":"Field","name":{"kind":"Name","value":"serviceSessionType"}},{"kind":"Field","name":{"kind":"Name","value":"serviceMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"images"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"featured"}},{"kind":"Field","name":{"kind":"Name","value":"soldByPlatform"}},{"kind":"Field","name":{"kind":"Name","value":"seller"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"fileKey"}},{"kind":"Field","name":{"kind":"Name","value":"stripeProductId"}},{"kind":"Field","name":{"kind":"Name","value":"stripePriceId"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<ProductsQuery, ProductsQueryVariables>;
export const ProductDocument = {"__meta__":{"hash":"sha256:3bcb188156a7b1866df867318ad7c76c0665cfd35b1ab2846a83b9f62bd9beca"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Product"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"product"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ProductFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ProductFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Product"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"priceCents"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"sku"}},{"kind":"Field","name":{"kind":"Name","value":"stockQuantity"}},{"kind":"Field","name":{"kind":"Name","value":"inStock"}},{"kind":"Field","name":{"kind":"Name","value":"serviceSessionType"}},{"kind":"Field","name":{"kind":"Name","value":"serviceMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"images"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"featured"}},{"kind":"Field","name":{"kind":"Name","value":"soldByPlatform"}},{"kind":"Field","name":{"kind":"Name","value":"seller"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"fileKey"}},{"kind":"Field","name":{"kind":"Name","value":"stripeProductId"}},{"kind":"Field","name":{"kind":"Name","value":"stripePriceId"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<ProductQuery, ProductQueryVariables>;
export const ReaderShopDocument = {"__meta__":{"hash":"sha256:1989dff443949996f729c35012657cc6cf5a61a134c83edb49365a2d86ac3311"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ReaderShop"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sort"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ProductSort"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reader"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"products"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}},{"kind":"Argument","name":{"kind":"Name","value":"sort"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sort"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"priceCents"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ReaderShopQuery, ReaderShopQueryVariables>;
export const PlaceOrderDocument = {"__meta__":{"hash":"sha256:dce7c3d65a8a1213940df4f41b76ee52aaf34be8bbed692cdbc62b554b716342"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PlaceOrder"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PlaceOrderInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"placeOrder"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"order"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OrderFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"clientSecret"}},{"kind":"Field","name":{"kind":"Name","value":"replayed"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OrderFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Order"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"orderNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"paymentMethod"}},{"kind":"Field","name":{"kind":"Name","value":"totalAmountCents"}},{"kind":"Field","name":{"kind":"Name","value":"refundedCents"}},{"kind":"Field","name":{"kind":"Name","value":"buyer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"priceCents"}},{"kind":"Field","name":{"kind":"Name","value":"amountCents"}},{"kind":"Field","name":{"kind":"Name","value":"sellerShareCents"}},{"kind":"Field","name":{"kind":"Name","value":"product"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"shippingAddress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"line1"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"postalCode"}},{"kind":"Field","name":{"kind":"Name","value":"country"}}]}},{"kind":"Field","name":{"kind":"Name","value":"carrier"}},{"kind":"Field","name":{"kind":"Name","value":"trackingNumber"}},{"kind":"Field","name":{"kind":"Name","value":"paymentIntentId"}},{"kind":"Field","name":{"kind":"Name","value":"failureReason"}},{"kind":"Field","name":{"kind":"Name","value":"paidAt"}},{"kind":"Field","name":{"kind":"Name","value":"shippedAt"}},{"kind":"Field","name":{"kind":"Name","value":"deliveredAt"}},{"kind":"Field","name":{"kind":"Name","value":"cancelledAt"}}]}}]} as unknown as DocumentNode<PlaceOrderMutation, PlaceOrderMutationVariables>;
export const OrdersDocument = {"__meta__":{"hash":"sha256:d0665ca24a86bcf53f3815c0163cfef661589378247269332915891284996c74"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Orders"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"scope"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"OrderScope"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"OrderStatus"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orders"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"scope"},"value":{"kind":"Variable","name":{"kind":"Name","value":"scope"}}},{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OrderFields"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OrderFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Order"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"orderNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"paymentMethod"}},{"kind":"Field","name":{"kind":"Name","value":"totalAmountCents"}},{"kind":"Field","name":{"kind":"Name","value":"refundedCents"}},{"kind":"Field","name":{"kind":"Name","value":"buyer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"priceCents"}},{"kind":"Field","name":{"kind":"Name","value":"amountCents"}},{"kind":"Field","name":{"kind":"Name","value":"sellerShareCents"}},{"kind":"Field","name":{"kind":"Name","value":"product"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"shippingAddress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"line1"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"postalCode"}},{"kind":"Field","name":{"kind":"Name","value":"country"}}]}},{"kind":"Field","name":{"kind":"Name","value":"carrier"}},{"kind":"Field","name":{"kind":"Name","value":"trackingNumber"}},{"kind":"Field","name":{"kind":"Name","value":"paymentIntentId"}},{"kind":"Field","name":{"kind":"Name","value":"failureReason"}},{"kind":"Field","name":{"kind":"Name","value":"paidAt"}},{"kind":"Field","name":{"kind":"Name","value":"shippedAt"}},{"kind":"Field","name":{"kind":"Name","value":"deliveredAt"}},{"kind":"Field","name":{"kind":"Name","value":"cancelledAt"}}]}}]} as unknown as DocumentNode<OrdersQuery, OrdersQueryVariables>;
export const OrderDocument = {"__meta__":{"hash":"sha256:928323b2a54677febad2440bcbfd0a4793508efdb3d4481d989752f14c195758"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Order"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"order"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OrderFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OrderFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Order"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"orderNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"paymentMethod"}},{"kind":"Field","name":{"kind":"Name","value":"totalAmountCents"}},{"kind":"Field","name":{"kind":"Name","value":"refundedCents"}},{"kind":"Field","name":{"kind":"Name","value":"buyer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"priceCents"}},{"kind":"Field","name":{"kind":"Name","value":"amountCents"}},{"kind":"Field","name":{"kind":"Name","value":"sellerShareCents"}},{"kind":"Field","name":{"kind":"Name","value":"product"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"shippingAddress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"line1"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"postalCode"}},{"kind":"Field","name":{"kind":"Name","value":"country"}}]}},{"kind":"Field","name":{"kind":"Name","value":"carrier"}},{"kind":"Field","name":{"kind":"Name","value":"trackingNumber"}},{"kind":"Field","name":{"kind":"Name","value":"paymentIntentId"}},{"kind":"Field","name":{"kind":"Name","value":"failureReason"}},{"kind":"Field","name":{"kind":"Name","value":"paidAt"}},{"kind":"Field","name":{"kind":"Name","value":"shippedAt"}},{"kind":"Field","name":{"kind":"Name","value":"deliveredAt"}},{"kind":"Field","name":{"kind":"Name","value":"cancelledAt"}}]}}]} as unknown as DocumentNode<OrderQuery, OrderQueryVariables>;
export const MarkOrderShippedDocument = {"__meta__":{"hash":"sha256:7ddaa6973143d53c979b72987ec53cca06140116548132ade87fca2ba1f0a460"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"MarkOrderShipped"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"carrier"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"trackingNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"markOrderShipped"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"orderId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderId"}}},{"kind":"Argument","name":{"kind":"Name","value":"carrier"},"value":{"kind":"Variable","name":{"kind":"Name","value":"carrier"}}},{"kind":"Argument","name":{"kind":"Name","value":"trackingNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"trackingNumber"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OrderFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OrderFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Order"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"orderNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"paymentMethod"}},{"kind":"Field","name":{"kind":"Name","value":"totalAmountCents"}},{"kind":"Field","name":{"kind":"Name","value":"refundedCents"}},{"kind":"Field","name":{"kind":"Name","value":"buyer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"priceCents"}},{"kind":"Field","name":{"kind":"Name","value":"amountCents"}},{"kind":"Field","name":{"kind":"Name","value":"sellerShareCents"}},{"kind":"Field","name":{"kind":"Name","value":"product"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"shippingAddress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"line1"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"postalCode"}},{"kind":"Field","name":{"kind":"Name","value":"country"}}]}},{"kind":"Field","name":{"kind":"Name","value":"carrier"}},{"kind":"Field","name":{"kind":"Name","value":"trackingNumber"}},{"kind":"Field","name":{"kind":"Name","value":"paymentIntentId"}},{"kind":"Field","name":{"kind":"Name","value":"failureReason"}},{"kind":"Field","name":{"kind":"Name","value":"paidAt"}},{"kind":"Field","name":{"kind":"Name","value":"shippedAt"}},{"kind":"Field","name":{"kind":"Name","value":"deliveredAt"}},{"kind":"Field","name":{"kind":"Name","value":"cancelledAt"}}]}}]} as unknown as DocumentNode<MarkOrderShippedMutation, MarkOrderShippedMutationVariables>;
export const MarkOrderDeliveredDocument = {"__meta__":{"hash":"sha256:ca558f9d93cd074dbb2a79ac4d499f322dffef081920b55eedd58fe10694a4a7"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"MarkOrderDelivered"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"markOrderDelivered"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"orderId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OrderFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OrderFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Order"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"orderNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"paymentMethod"}},{"kind":"Field","name":{"kind":"Name","value":"totalAmountCents"}},{"kind":"Field","name":{"kind":"Name","value":"refundedCents"}},{"kind":"Field","name":{"kind":"Name","value":"buyer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"priceCents"}},{"kind":"Field","name":{"kind":"Name","value":"amountCents"}},{"kind":"Field","name":{"kind":"Name","value":"sellerShareCents"}},{"kind":"Field","name":{"kind":"Name","value":"product"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"shippingAddress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"line1"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"postalCode"}},{"kind":"Field","name":{"kind":"Name","value":"country"}}]}},{"kind":"Field","name":{"kind":"Name","value":"carrier"}},{"kind":"Field","name":{"kind":"Name","value":"trackingNumber"}},{"kind":"Field","name":{"kind":"Name","value":"paymentIntentId"}},{"kind":"Field","name":{"kind":"Name","value":"failureReason"}},{"kind":"Field","name":{"kind":"Name","value":"paidAt"}},{"kind":"Field","name":{"kind":"Name","value":"shippedAt"}},{"kind":"Field","name":{"kind":"Name","value":"deliveredAt"}},{"kind":"Field","name":{"kind":"Name","value":"cancelledAt"}}]}}]} as unknown as DocumentNode<MarkOrderDeliveredMutation, MarkOrderDeliveredMutationVariables>;
export const CancelOrderDocument = {"__meta__":{"hash":"sha256:32183026159b7bf7f5981bc0da59dbea4972e05ddff9b6656bd4507b2177ced0"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CancelOrder"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reason"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelOrder"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"orderId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderId"}}},{"kind":"Argument","name":{"kind":"Name","value":"reason"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reason"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OrderFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OrderFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Order"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"orderNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"paymentMethod"}},{"kind":"Field","name":{"kind":"Name","value":"totalAmountCents"}},{"kind":"Field","name":{"kind":"Name","value":"refundedCents"}},{"kind":"Field","name":{"kind":"Name","value":"buyer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"priceCents"}},{"kind":"Field","name":{"kind":"Name","value":"amountCents"}},{"kind":"Field","name":{"kind":"Name","value":"sellerShareCents"}},{"kind":"Field","name":{"kind":"Name","value":"product"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"shippingAddress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"line1"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"postalCode"}},{"kind":"Field","name":{"kind":"Name","value":"country"}}]}},{"kind":"Field","name":{"kind":"Name","value":"carrier"}},{"kind":"Field","name":{"kind":"Name","value":"trackingNumber"}},{"kind":"Field","name":{"kind":"Name","value":"paymentIntentId"}},{"kind":"Field","name":{"kind":"Name","value":"failureReason"}},{"kind":"Field","name":{"kind":"Name","value":"paidAt"}},{"kind":"Field","name":{"kind":"Name","value":"shippedAt"}},{"kind":"Field","name":{"kind":"Name","value":"deliveredAt"}},{"kind":"Field","name":{"kind":"Name","value":"cancelledAt"}}]}}]} as unknown as DocumentNode<CancelOrderMutation, CancelOrderMutationVariables>;
export const RefundOrderDocument = {"__meta__":{"hash":"sha256:a55b633aa5f6b98651ba7b13e02d76de7c59bef043c1422dce63f8a3b75572e8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RefundOrder"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RefundOrderInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"refundOrder"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OrderFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OrderFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Order"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"orderNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"paymentMethod"}},{"kind":"Field","name":{"kind":"Name","value":"totalAmountCents"}},{"kind":"Field","name":{"kind":"Name","value":"refundedCents"}},{"kind":"Field","name":{"kind":"Name","value":"buyer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"priceCents"}},{"kind":"Field","name":{"kind":"Name","value":"amountCents"}},{"kind":"Field","name":{"kind":"Name","value":"sellerShareCents"}},{"kind":"Field","name":{"kind":"Name","value":"product"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"shippingAddress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"line1"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"postalCode"}},{"kind":"Field","name":{"kind":"Name","value":"country"}}]}},{"kind":"Field","name":{"kind":"Name","value":"carrier"}},{"kind":"Field","name":{"kind":"Name","value":"trackingNumber"}},{"kind":"Field","name":{"kind":"Name","value":"paymentIntentId"}},{"kind":"Field","name":{"kind":"Name","value":"failureReason"}},{"kind":"Field","name":{"kind":"Name","value":"paidAt"}},{"kind":"Field","name":{"kind":"Name","value":"shippedAt"}},{"kind":"Field","name":{"kind":"Name","value":"deliveredAt"}},{"kind":"Field","name":{"kind":"Name","value":"cancelledAt"}}]}}]} as unknown as DocumentNode<RefundOrderMutation, RefundOrderMutationVariables>;
export const OrderUpdatedDocument = {"__meta__":{"hash":"sha256:5f79b22a693c615da18aa993ce90e7e73a249a7cf1d41559c46bb2964e537a82"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"OrderUpdated"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orderUpdated"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"carrier"}},{"kind":"Field","name":{"kind":"Name","value":"trackingNumber"}},{"kind":"Field","name":{"kind":"Name","value":"refundedCents"}}]}}]}}]} as unknown as DocumentNode<OrderUpdatedSubscription, OrderUpdatedSubscriptionVariables>;
export const DownloadLinkDocument = {"__meta__":{"hash":"sha256:d2917905bf34fdba21c47c5d6b036ef22cb8d5bd3216f7328898bde211af6e6d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DownloadLink"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderItemId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"downloadLink"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"orderItemId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderItemId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"maxUses"}}]}}]}}]} as unknown as DocumentNode<DownloadLinkMutation, DownloadLinkMutationVariables>;
export const BookingCreditsDocument = {"__meta__":{"hash":"sha256:0d39e578677ad69b6db42f4574fd72d97781fea4224a1eeb47397f9f3a97bb08"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BookingCredits"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"BookingCreditStatus"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"readerId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bookingCredits"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}},{"kind":"Argument","name":{"kind":"Name","value":"readerId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"readerId"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"orderId"}},{"kind":"Field","name":{"kind":"Name","value":"reader"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"sessionType"}},{"kind":"Field","name":{"kind":"Name","value":"minutes"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"session"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"redeemedAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"voidedAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<BookingCreditsQuery, BookingCreditsQueryVariables>;
export const SubsReaderStatusDocument = {"__meta__":{"hash":"sha256:9d9da5972b054292ba5ad460407c534c8e2663fc0169c10010b40505ad3d908e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"SubsReaderStatus"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"readerIds"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"readerStatusChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"readerIds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"readerIds"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]} as unknown as DocumentNode<SubsReaderStatusSubscription, SubsReaderStatusSubscriptionVariables>;
export const SubsReaderStatusWithEmailDocument = {"__meta__":{"hash":"sha256:03e6e1b0c677a1e41706f206963c1530740fbc76f226394b5ea0235b12459de2"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"SubsReaderStatusWithEmail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"readerIds"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"readerStatusChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"readerIds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"readerIds"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}}]}}]}}]} as unknown as DocumentNode<SubsReaderStatusWithEmailSubscription, SubsReaderStatusWithEmailSubscriptionVariables>;
export const SubsSetReaderStatusDocument = {"__meta__":{"hash":"sha256:137ca7a97b697316a141ae1193b9db23c6ebc7c173e53c594a9c6c789e7edcc6"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SubsSetReaderStatus"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ReaderStatus"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setReaderStatus"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<SubsSetReaderStatusMutation, SubsSetReaderStatusMutationVariables>;