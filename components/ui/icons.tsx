import {
  Activity,
  ArrowRight,
  ArrowRightLeft,
  Bell,
  Building2,
  Check,
  CircleCheck,
  CirclePause,
  CircleX,
  Code,
  FileText,
  FlaskConical,
  Globe,
  Hourglass,
  Inbox,
  Info,
  LayoutDashboard,
  LogOut,
  Pencil,
  RefreshCw,
  Scale,
  Server,
  Settings,
  Shield,
  SquareCheckBig,
  Tag,
  Ticket,
  TriangleAlert,
  Undo2,
  Wrench,
  X,
  type LucideIcon,
  type LucideProps,
} from 'lucide-react';

/**
 * The portal's icons by what they mean here (Lucide underneath), so a screen says
 * `name="warning"` and the picture can change in one place. Icons are decorative: the text next
 * to them carries the meaning (aria-hidden).
 */
const ICONS = {
  dashboard: LayoutDashboard,
  shield: Shield,
  pencil: Pencil,
  server: Server,
  activity: Activity,
  bell: Bell,
  report: FileText,
  ticket: Ticket,
  audit: SquareCheckBig,
  settings: Settings,
  building: Building2,
  globe: Globe,
  wrench: Wrench,
  scale: Scale,
  check: Check,
  checkCircle: CircleCheck,
  warning: TriangleAlert,
  error: CircleX,
  info: Info,
  pause: CirclePause,
  flask: FlaskConical,
  switch: ArrowRightLeft,
  hourglass: Hourglass,
  refresh: RefreshCw,
  arrowRight: ArrowRight,
  undo: Undo2,
  x: X,
  logout: LogOut,
  inbox: Inbox,
  code: Code,
  tag: Tag,
} satisfies Record<string, LucideIcon>;

export type IconName = keyof typeof ICONS;

export function Icon({ name, className = 'size-4', ...props }: { name: IconName } & Omit<LucideProps, 'ref'>) {
  const Glyph = ICONS[name];
  return <Glyph aria-hidden="true" focusable="false" className={className} strokeWidth={2} {...props} />;
}
