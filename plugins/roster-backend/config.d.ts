export interface Config {
  yinxin?: {
    /** The roster plugin (`@yinxin/plugin-roster-backend`). Every key is optional; defaults are the contract's figures. */
    roster?: {
      /** IANA time zone of the roster's days and wall-clock times. Default `Asia/Shanghai`. */
      timeZone?: string;
      /** Who must be on site on every working day, and when. */
      onsite?: {
        /** Team roles that count as on site. Default `['resident']`. */
        roles?: Array<'project-manager' | 'maintenance' | 'enrolment' | 'customer-service' | 'technical-support' | 'resident'>;
        /** Start of the on-site window, `HH:MM`. Default `09:00`. */
        start?: string;
        /** End of the on-site window, `HH:MM`. Default `17:00`. */
        end?: string;
      };
      /** Team roles the contract lists; each must be held by someone on the team. Default: all six. */
      requiredRoles?: Array<'project-manager' | 'maintenance' | 'enrolment' | 'customer-service' | 'technical-support' | 'resident'>;
      /** Smallest team the contract allows. Default 5. */
      minTeamSize?: number;
      /** Hour limits; counted hours = on-site hours + on-call hours × `oncallFactor`. */
      hours?: {
        /** Limit per week (Monday–Sunday). Default 60. */
        weekLimit?: number;
        /** Limit per calendar month. Default 240. */
        monthLimit?: number;
        /** How much an hour of remote on-call (standby) counts, 0–1. Default 0.25. */
        oncallFactor?: number;
      };
      /** Arrival targets of dispatches in wall-clock hours. */
      arrivalHours?: {
        /** Major incident (重大故障). Default 2. */
        major?: number;
        /** Ordinary fault (一般故障). Default 4. */
        ordinary?: number;
      };
      /** Attendance of on-site shifts. */
      attendance?: {
        /** A check-in this many minutes after the start is late. Default 5. */
        lateGraceMinutes?: number;
        /** How many minutes before its start a shift can be checked in to. Default 120. */
        checkInEarlyMinutes?: number;
      };
    };
  };
}
